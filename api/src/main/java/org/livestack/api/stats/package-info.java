/**
 * Statistics collectors for models: {@link org.livestack.api.stats.Tally} (observations: mean,
 * variance, min, max, confidence interval), {@link org.livestack.api.stats.TimeWeighted} (a
 * piecewise-constant quantity such as a queue length, averaged over virtual time),
 * {@link org.livestack.api.stats.Histogram} (fixed-width bins with under- and overflow) and
 * {@link org.livestack.api.stats.ConfidenceInterval} (Student t intervals, also over independent
 * replications). Single-threaded: a component owns its collectors.
 */
package org.livestack.api.stats;
