package io.penultimate.dl4j;

import static org.assertj.core.api.Assertions.assertThat;

import org.bytedeco.javacpp.BytePointer;
import org.junit.jupiter.api.Test;

class JavaCppMemoryTest {
  @Test
  void countsAPointerJavaCppAllocatesUntilItIsFreed() {
    long before = JavaCppMemory.allocatedBytes();
    try (BytePointer pointer = new BytePointer(1 << 20)) {
      assertThat(JavaCppMemory.allocatedBytes() - before).isGreaterThanOrEqualTo(1 << 20);
      pointer.put(0, (byte) 1);
    }
    assertThat(JavaCppMemory.allocatedBytes() - before).isLessThan(1 << 20);
  }
}
