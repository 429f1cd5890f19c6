/**
 * Internal: merging sorted record streams ({@link dev.mr.shuffle.merge.KWayMerge}), running the
 * combiner over them ({@link dev.mr.shuffle.merge.Combining}), and the map side's spill runs and
 * their merge passes ({@link dev.mr.shuffle.merge.RunMerger}).
 */
package dev.mr.shuffle.merge;
