package io.penultimate.data;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;

/** Any bytes as the PNG and the JPEG of an image folder: samples or a one-line refusal. */
@Tag("fuzz")
class ImageFolderFuzzTest {
  @TempDir static Path dir;

  @FuzzTest
  void imageFoldersAreReadOrRefusedInOneLine(byte[] input) {
    Path png = dir.resolve("png");
    CleanRead.write(png.resolve("cat/1.png"), input);
    CleanRead.check(() -> ImageFolderSamples.read(png, LabelOptions.DEFAULT));
    Path jpeg = dir.resolve("jpeg");
    CleanRead.write(jpeg.resolve("cat/1.jpg"), input);
    CleanRead.check(() -> ImageFolderSamples.readUnlabelled(jpeg));
  }
}
