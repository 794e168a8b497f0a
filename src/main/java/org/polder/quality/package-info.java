/**
 * Quality of microtask answers: statistical aggregation of redundant answers into one answer per
 * task with a confidence (labels: majority vote, worker-weighted vote, Dawid-Skene, one-coin EM, Wawa,
 * GLAD, MACE, and which of them the answers support best; boxes by overlap, comparisons by
 * Bradley-Terry, free text by agreement, ratings by the median). The models are plain Java with no
 * Spring in them, so that the benchmarks and the tests run them as is.
 */
package org.polder.quality;
