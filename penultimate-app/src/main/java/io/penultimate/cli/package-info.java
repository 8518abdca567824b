/**
 * The picocli command line, the one entry point (Penultimate), and the composition root
 * (MonitorWiring, RunningMonitor) that joins a model runtime, a bundle, the stream and the
 * metrics; ModelFiles opens a model file with the runtime its extension names, and ModelTraining
 * trains DL4J recipes. The only package that sees every module.
 */
package io.penultimate.cli;
