#ifndef CGZIP_H
#define CGZIP_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/// A gzip (or zlib) file read as a stream of decompressed bytes, never unpacked to disk, with a hard cap on how
/// many bytes it may produce (a decompression bomb ends at the cap). Concatenated gzip members are read in turn.
/// A stream ending before its trailer reads as an early end of file (the capture reader then reports a cut-off
/// capture); the reason is kept in the stream (`cgz_error`).
typedef struct cgz_stream cgz_stream;

enum cgz_error_kind {
    CGZ_OK = 0,
    /// The compressed data ends before the end of a gzip member.
    CGZ_TRUNCATED = 1,
    /// The compressed data is not valid deflate/gzip data.
    CGZ_CORRUPT = 2,
    /// More decompressed bytes than the cap.
    CGZ_LIMIT = 3,
    /// read(2) failed.
    CGZ_IO = 4,
};

/// Opens `path`; NULL with errno set when the file cannot be opened or memory is short.
cgz_stream *cgz_open(const char *path, uint64_t limit);

/// Reads up to `size` decompressed bytes; returns how many (0 at the end or after an error).
size_t cgz_read(cgz_stream *s, void *buffer, size_t size);

/// A stdio stream reading the decompressed bytes (glibc fopencookie); ftell gives the decompressed offset.
/// Closing it (fclose, or libpcap's pcap_close) releases its hold on the stream. NULL on failure.
FILE *cgz_fopen(cgz_stream *s);

/// Releases the caller's hold; the stream is freed once the FILE from cgz_fopen (if any) is closed too.
void cgz_release(cgz_stream *s);

int cgz_error(const cgz_stream *s);
/// Plain words about the error (empty when none); valid while the stream lives.
const char *cgz_error_message(const cgz_stream *s);
uint64_t cgz_compressed_offset(const cgz_stream *s);
uint64_t cgz_decompressed_offset(const cgz_stream *s);
/// Gzip members read so far.
uint32_t cgz_members(const cgz_stream *s);

/// Compresses `size` bytes into a new gzip member (tests and fixtures). Returns a malloc'ed buffer the caller
/// frees with free(), its length in *out_size; NULL on failure.
uint8_t *cgz_compress(const void *data, size_t size, int level, size_t *out_size);

#endif
