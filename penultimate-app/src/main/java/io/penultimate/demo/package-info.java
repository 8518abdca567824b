/**
 * What the demo and the benches need around a monitor: a Kafka cluster of one or more nodes in
 * child JVMs, topic creation, the paced replay of images as events and late labels, monitors as
 * {@code serve} processes to kill and restart (the chaos run), and the measurement of a run
 * through plain Kafka clients. Uses the stream, data and core packages, never the model runtime:
 * it drives the monitor only through Kafka.
 */
package io.penultimate.demo;
