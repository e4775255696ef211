/**
 * The load tool (docs/performance.md): a Netty client cheaper than the server it drives (epoll, one event loop, pre-encoded
 * frames, byte scanning instead of JSON parsing), the floor echo server every figure is divided by, and the
 * measurements (HdrHistogram latencies, throughput, server RSS and heap, JFR hot spots).
 */
package org.causette.bench;
