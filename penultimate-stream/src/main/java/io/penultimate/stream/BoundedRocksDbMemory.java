package io.penultimate.stream;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

/**
 * Bounds the native memory of every RocksDB store of the process together, as Kafka Streams'
 * memory management guide describes: one block cache shared by all stores, with their memtables
 * and their index and filter blocks charged to it. Kafka Streams' default gives each store its own
 * 50 MB block cache and up to three 16 MB memtables, and keeps the index and filter blocks of its
 * files outside any cache, so native memory grows with the stores (a pending and a quality-window
 * store per partition) and, while the caches fill, with time: a 40-minute soak with those defaults
 * measured the unaccounted native memory rising by 86 ± 11 MB an hour (docs/soak.md).
 */
public final class BoundedRocksDbMemory implements RocksDBConfigSetter {
  /** The Kafka Streams property holding the bound in bytes ({@link MonitorConfig#streamsProperties()} sets it). */
  static final String TOTAL_BYTES = "penultimate.rocksdb.memory.bytes";
  /** Memtables may take up to half the bound; what they do not use caches blocks. */
  private static final double MEMTABLE_SHARE = 0.5;
  /** Index and filter blocks go to the cache's high-priority pool, so data blocks do not evict them first. */
  private static final double HIGH_PRIORITY_SHARE = 0.1;
  /**
   * One cache per bound, for the life of the process: RocksDB keeps using a cache while any store
   * holds it, and the stores of every Kafka Streams instance of the JVM (a bench runs several) share it.
   */
  private static final Map<Long, SharedMemory> BY_BOUND = new ConcurrentHashMap<>();

  private record SharedMemory(Cache cache, WriteBufferManager writeBuffers) {
    static SharedMemory of(long bytes) {
      Cache cache = new LRUCache(bytes, -1, false, HIGH_PRIORITY_SHARE);
      return new SharedMemory(cache, new WriteBufferManager((long) (bytes * MEMTABLE_SHARE), cache));
    }
  }

  @Override
  public void setConfig(String storeName, Options options, Map<String, Object> configs) {
    SharedMemory memory = BY_BOUND.computeIfAbsent(bound(configs), SharedMemory::of);
    BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
    table.setBlockCache(memory.cache());
    table.setCacheIndexAndFilterBlocks(true);
    table.setCacheIndexAndFilterBlocksWithHighPriority(true);
    table.setPinTopLevelIndexAndFilter(true);
    options.setTableFormatConfig(table);
    options.setWriteBufferManager(memory.writeBuffers());
  }

  @Override
  public void close(String storeName, Options options) {
    // the cache and the write buffer manager outlive any one store: they are shared
  }

  private static long bound(Map<String, Object> configs) {
    Object bytes = configs.get(TOTAL_BYTES);
    if (bytes == null) {
      throw new IllegalStateException(TOTAL_BYTES + " is not set: configure the monitor through MonitorConfig.streamsProperties()");
    }
    return Long.parseLong(bytes.toString());
  }
}
