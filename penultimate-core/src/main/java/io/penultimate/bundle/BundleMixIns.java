package io.penultimate.bundle;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.penultimate.encoder.BetaEncoder;
import io.penultimate.encoder.BetaGeneralEncoder;
import io.penultimate.encoder.BetaTable;
import io.penultimate.encoder.BinomialEncoder;
import io.penultimate.encoder.GaussianMixtureEncoder;
import io.penultimate.encoder.HiddenEncoder;
import io.penultimate.encoder.MixtureTable;
import io.penultimate.encoder.PooledMixtureEncoder;
import io.penultimate.encoder.TrinomialEncoder;
import io.penultimate.model.InputTransform;
import java.util.Map;

/**
 * How the maths types map to JSON, kept here so that they import no JSON library: Jackson reads
 * these classes' annotations as if they were written on the targets. Records need none (their
 * components are their properties); the two tables are final classes whose derived constants are
 * not serialised, so their constructor and accessors are named here.
 */
final class BundleMixIns {
  private BundleMixIns() {}

  static JsonMapper.Builder register(JsonMapper.Builder builder) {
    return builder
        .addMixIn(HiddenEncoder.class, HiddenEncoderMixIn.class)
        .addMixIn(PooledMixtureEncoder.class, PooledMixtureEncoderMixIn.class)
        .addMixIn(BetaTable.class, BetaTableMixIn.class)
        .addMixIn(MixtureTable.class, MixtureTableMixIn.class)
        .addMixIn(EncoderBundle.class, EncoderBundleMixIn.class)
        .addMixIn(InputTransform.class, InputTransformMixIn.class);
  }

  /** A {@code family} property names the implementation, so a bundle reads any mix of encoders back as {@code HiddenEncoder}. */
  @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "family")
  @JsonSubTypes({
    @JsonSubTypes.Type(value = BinomialEncoder.class, name = BinomialEncoder.FAMILY),
    @JsonSubTypes.Type(value = TrinomialEncoder.class, name = TrinomialEncoder.FAMILY),
    @JsonSubTypes.Type(value = BetaEncoder.class, name = BetaEncoder.FAMILY),
    @JsonSubTypes.Type(value = BetaGeneralEncoder.class, name = BetaGeneralEncoder.FAMILY),
    @JsonSubTypes.Type(value = GaussianMixtureEncoder.class, name = GaussianMixtureEncoder.FAMILY)
  })
  interface HiddenEncoderMixIn {}

  /** Not a {@code HiddenEncoder}, but tagged the same way: {@code "family": "pooledGmm"}. */
  @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "family")
  @JsonTypeName(PooledMixtureEncoder.FAMILY)
  interface PooledMixtureEncoderMixIn {}

  @JsonPropertyOrder({"a", "b"})
  abstract static class BetaTableMixIn {
    @JsonCreator
    BetaTableMixIn(@JsonProperty("a") double[] a, @JsonProperty("b") double[] b) {}

    @JsonProperty
    abstract double[] a();

    @JsonProperty
    abstract double[] b();
  }

  @JsonPropertyOrder({"components", "weights", "means", "variances"})
  abstract static class MixtureTableMixIn {
    @JsonCreator
    MixtureTableMixIn(
        @JsonProperty("components") int components,
        @JsonProperty("weights") double[] weights,
        @JsonProperty("means") double[] means,
        @JsonProperty("variances") double[] variances) {}

    @JsonProperty
    abstract int components();

    @JsonProperty
    abstract double[] weights();

    @JsonProperty
    abstract double[] means();

    @JsonProperty
    abstract double[] variances();
  }

  /** Its components only: {@code isIdentity()} is derived, not a property. */
  abstract static class InputTransformMixIn {
    @JsonIgnore
    abstract boolean isIdentity();
  }

  /**
   * Entries in key order: the record holds a {@code Map.copyOf}, whose iteration order is salted
   * per JVM, so without this the same bundle could be written as two different files.
   */
  abstract static class EncoderBundleMixIn {
    @JsonFormat(with = JsonFormat.Feature.WRITE_SORTED_MAP_ENTRIES)
    abstract Map<String, Double> goodnessOfFit();
  }
}
