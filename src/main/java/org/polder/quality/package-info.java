/**
 * Quality of microtask answers: statistical aggregation of redundant answers into one answer per
 * task with a confidence (majority vote, worker-weighted vote, Dawid-Skene, one-coin EM). The
 * models are plain Java with no Spring in them, so that the benchmark and the tests run them as is.
 */
package org.polder.quality;
