/**
 * The Kafka Streams monitor: the topology (a pure factory), the batching scoring processor, the
 * label join and the quality processor, event parsers and writers, dead letters, the typed
 * MonitorConfig from which every Streams property is derived, and the ports it needs from outside
 * (Inference from the core, MonitorObserver for metrics). Depends on the core and Kafka Streams,
 * never on a model runtime or a metrics library.
 */
package io.penultimate.stream;
