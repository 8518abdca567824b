package io.penultimate.demo;

import com.sun.management.GarbageCollectorMXBean;
import com.sun.management.GcInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

/**
 * This process's memory as the OS and the JVM see it, read on demand. Linux only: the resident set
 * comes from {@code /proc/self/status}.
 */
public final class ProcessMemory {
  private static final Path STATUS = Path.of("/proc/self/status");

  /**
   * One reading, in bytes.
   *
   * @param rss resident set size (VmRSS): every page of this process in RAM
   * @param rssFile the part of it mapped from files (RssFile): shared libraries, mostly
   * @param heapAfterGc heap used right after the latest collection, young or full; after a young one it
   *     includes the old generation's garbage, which only a mixed or full collection clears
   * @param heapCommitted heap the JVM has reserved from the OS
   * @param nonHeapCommitted metaspace, code cache and the other non-heap pools, committed
   * @param direct NIO direct buffers
   * @param javaCpp what JavaCPP's allocator counts ({@code Pointer.totalBytes()})
   */
  public record Reading(long rss, long rssFile, long heapAfterGc, long heapCommitted, long nonHeapCommitted, long direct, long javaCpp) {
    /**
     * What nothing here accounts for: RSS less the heap and non-heap committed, direct buffers and
     * JavaCPP's count. The native allocations of libnd4j, ONNX Runtime and RocksDB, thread stacks,
     * the GC's own structures, malloc's arenas and the mapped libraries. Heap the JVM has committed
     * but not touched yet is not resident, so it is subtracted without being in the RSS: this
     * falls when the heap grows and rises as the new pages are used, and can be negative, unless
     * the JVM runs with {@code -XX:+AlwaysPreTouch}.
     */
    public long otherNative() {
      return rss - heapCommitted - nonHeapCommitted - direct - javaCpp;
    }

    /** The same reading with the heap after a collection made since. */
    public Reading withHeapAfterGc(long bytes) {
      return new Reading(rss, rssFile, bytes, heapCommitted, nonHeapCommitted, direct, javaCpp);
    }
  }

  private final LongSupplier javaCpp;

  /** @param javaCpp JavaCPP's count of bytes it allocated, which only the model runtime's module may read */
  public ProcessMemory(LongSupplier javaCpp) {
    this.javaCpp = javaCpp;
  }

  public Reading read() {
    String status;
    try {
      status = Files.readString(STATUS);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + STATUS + " (the soak bench measures RSS on Linux only)", e);
    }
    MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
    MemoryUsage nonHeap = ManagementFactory.getMemoryMXBean().getNonHeapMemoryUsage();
    long direct = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
        .filter(pool -> pool.getName().equals("direct")).mapToLong(BufferPoolMXBean::getMemoryUsed).sum();
    return new Reading(statusBytes(status, "VmRSS"), statusBytes(status, "RssFile"), heapAfterLastGc(), heap.getCommitted(),
        nonHeap.getCommitted(), direct, javaCpp.getAsLong());
  }

  /**
   * Heap used after the latest collection of any collector, over every heap pool. Not each pool's
   * {@code getCollectionUsage()}: G1 updates the old generation's only when a collection includes
   * it (a mixed or full one), so its sum would miss what young collections promote for as long as
   * none runs. 0 before the first collection.
   */
  public static long heapAfterLastGc() {
    Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream().filter(pool -> pool.getType() == MemoryType.HEAP)
        .map(MemoryPoolMXBean::getName).collect(Collectors.toSet());
    GcInfo latest = null;
    for (GarbageCollectorMXBean collector : ManagementFactory.getPlatformMXBeans(GarbageCollectorMXBean.class)) {
      GcInfo info = collector.getLastGcInfo();
      if (info != null && (latest == null || info.getEndTime() > latest.getEndTime())) {
        latest = info;
      }
    }
    if (latest == null) {
      return 0;
    }
    return latest.getMemoryUsageAfterGc().entrySet().stream().filter(pool -> heapPools.contains(pool.getKey()))
        .mapToLong(pool -> pool.getValue().getUsed()).sum();
  }

  /**
   * A {@code Name:   1234 kB} line of {@code /proc/<pid>/status}, in bytes.
   *
   * @throws IllegalArgumentException when the field is missing or not in kB
   */
  static long statusBytes(String status, String field) {
    for (String line : status.split("\n")) {
      if (line.startsWith(field + ":")) {
        String[] parts = line.substring(field.length() + 1).trim().split("\\s+");
        if (parts.length == 2 && parts[1].equals("kB")) {
          return Long.parseLong(parts[0]) * 1024;
        }
        throw new IllegalArgumentException("expected '" + field + ": <n> kB' in /proc/self/status, found '" + line + "'");
      }
    }
    throw new IllegalArgumentException("no " + field + " line in /proc/self/status");
  }
}
