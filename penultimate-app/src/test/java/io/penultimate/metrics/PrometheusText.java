package io.penultimate.metrics;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads a Prometheus text exposition into series → value, for tests. Series keys keep the exact
 * text before the value ({@code name{label="v",...}}) minus the common {@code application} label,
 * so tests name series without it.
 */
public final class PrometheusText {
  private PrometheusText() {}

  public static Map<String, Double> parse(String text) {
    Map<String, Double> out = new LinkedHashMap<>();
    for (String line : text.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      int space = line.lastIndexOf(' ');
      String series = line.substring(0, space).replaceAll("application=\"[^\"]*\",?", "").replace(",}", "}").replace("{}", "");
      out.put(series, Double.parseDouble(line.substring(space + 1).replace("+Inf", "Infinity").replace("NaN", "NaN")));
    }
    return out;
  }
}
