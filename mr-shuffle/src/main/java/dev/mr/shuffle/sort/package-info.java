/**
 * Internal: where map output waits between spills. {@link dev.mr.shuffle.sort.SortBuffer} keeps
 * serialized records with a primitive sort index; {@link dev.mr.shuffle.sort.HashCombineBuffer}
 * groups records by key for a combiner; {@link dev.mr.shuffle.sort.IndexSorter} sorts either's index.
 */
package dev.mr.shuffle.sort;
