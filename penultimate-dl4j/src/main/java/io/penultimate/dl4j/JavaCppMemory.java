package io.penultimate.dl4j;

import org.bytedeco.javacpp.Pointer;

/**
 * What JavaCPP counts of the native memory it allocated ({@code Pointer.totalBytes()}: pointers
 * allocated through JavaCPP with a deallocator, until they are freed). Not ND4J's arrays: with
 * nd4j-native 1.0.0-M2.1 their buffers are allocated inside libnd4j, which neither JavaCPP nor
 * ND4J's own {@code AllocationsTracker} sees (a 64 MB array moved the count by 32 bytes, the
 * tracker by 8), so this is a lower bound on the model runtime's native memory, not its size.
 */
public final class JavaCppMemory {
  private JavaCppMemory() {}

  public static long allocatedBytes() {
    return Pointer.totalBytes();
  }
}
