/**
 * The picocli command line, the one entry point (Penultimate), and the composition root
 * (MonitorWiring, RunningMonitor) that joins a model runtime, a bundle, the stream and the
 * metrics. The only package that sees every module.
 */
package io.penultimate.cli;
