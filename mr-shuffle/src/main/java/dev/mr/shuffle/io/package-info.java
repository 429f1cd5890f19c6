/**
 * Internal: the record and segment format ({@code [varint keyLen][varint valueLen][key][value]}
 * records back to back, partition after partition), read and written through reused buffers;
 * with a compressing codec, those bytes cut into compressed blocks ({@code BlockFormat}).
 */
package dev.mr.shuffle.io;
