package io.penultimate.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;

class BoundedRocksDbMemoryTest {
  static {
    RocksDB.loadLibrary();
  }

  private final BoundedRocksDbMemory setter = new BoundedRocksDbMemory();

  @Test
  void chargesEveryStoresMemtablesAndIndexBlocksToOneCacheOfTheBound() {
    Map<String, Object> configs = Map.of(BoundedRocksDbMemory.TOTAL_BYTES, String.valueOf(64L << 20));
    try (Options pending = storeOptions(); Options quality = storeOptions()) {
      setter.setConfig("pending-labels", pending, configs);
      setter.setConfig("quality-window", quality, configs);

      assertThat(pending.writeBufferManager()).as("one manager for the process").isSameAs(quality.writeBufferManager());
      BlockBasedTableConfig table = (BlockBasedTableConfig) pending.tableFormatConfig();
      assertThat(table.cacheIndexAndFilterBlocks()).isTrue();
      assertThat(table.cacheIndexAndFilterBlocksWithHighPriority()).isTrue();
      assertThat(table.pinTopLevelIndexAndFilter()).isTrue();
    }
  }

  @Test
  void givesAnotherBoundItsOwnCache() {
    try (Options small = storeOptions(); Options large = storeOptions()) {
      setter.setConfig("a", small, Map.of(BoundedRocksDbMemory.TOTAL_BYTES, String.valueOf(16L << 20)));
      setter.setConfig("b", large, Map.of(BoundedRocksDbMemory.TOTAL_BYTES, String.valueOf(32L << 20)));
      assertThat(small.writeBufferManager()).isNotSameAs(large.writeBufferManager());
    }
  }

  @Test
  void refusesToRunWithoutTheBound() {
    try (Options options = storeOptions()) {
      assertThatThrownBy(() -> setter.setConfig("a", options, Map.of()))
          .isInstanceOf(IllegalStateException.class).hasMessageContaining(BoundedRocksDbMemory.TOTAL_BYTES);
    }
  }

  /** As Kafka Streams hands them to the setter: block-based tables already configured. */
  private static Options storeOptions() {
    Options options = new Options();
    options.setTableFormatConfig(new BlockBasedTableConfig());
    return options;
  }
}
