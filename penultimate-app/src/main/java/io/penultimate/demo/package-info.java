/**
 * What the demo and the stream bench need around a monitor: a Kafka broker in a child JVM, topic
 * creation, the paced replay of images as events and late labels, and the measurement of a run
 * through plain Kafka clients. Uses the stream, data and core packages, never the model runtime:
 * it drives the monitor only through Kafka.
 */
package io.penultimate.demo;
