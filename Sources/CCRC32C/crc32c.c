// CRC-32C for frame checksums (docs/PROTOCOL.md, "Checksum"): the SSE4.2 `crc32` instruction where
// the CPU has it, checked at run time, else slicing by 8 over tables built once.

#include "CCRC32C.h"

#include <pthread.h>
#include <stdatomic.h>
#include <string.h>

#define TERN_CRC32C_POLY 0x82F63B78u

static uint32_t portable_table[8][256];
static pthread_once_t portable_table_once = PTHREAD_ONCE_INIT;

static void build_portable_table(void) {
    for (uint32_t byte = 0; byte < 256; byte++) {
        uint32_t crc = byte;
        for (int bit = 0; bit < 8; bit++) {
            crc = (crc >> 1) ^ (TERN_CRC32C_POLY & (0u - (crc & 1u)));
        }
        portable_table[0][byte] = crc;
    }
    for (uint32_t byte = 0; byte < 256; byte++) {
        uint32_t crc = portable_table[0][byte];
        for (int slice = 1; slice < 8; slice++) {
            crc = (crc >> 8) ^ portable_table[0][crc & 0xFF];
            portable_table[slice][byte] = crc;
        }
    }
}

static uint64_t load_le64(const unsigned char *p) {
    return (uint64_t)p[0] | (uint64_t)p[1] << 8 | (uint64_t)p[2] << 16 | (uint64_t)p[3] << 24 |
           (uint64_t)p[4] << 32 | (uint64_t)p[5] << 40 | (uint64_t)p[6] << 48 | (uint64_t)p[7] << 56;
}

uint32_t tern_crc32c_portable(uint32_t crc, const void *data, size_t length) {
    pthread_once(&portable_table_once, build_portable_table);
    const unsigned char *p = data;
    uint32_t c = ~crc;
    while (length >= 8) {
        uint64_t word = load_le64(p) ^ c;
        c = portable_table[7][word & 0xFF] ^ portable_table[6][(word >> 8) & 0xFF] ^
            portable_table[5][(word >> 16) & 0xFF] ^ portable_table[4][(word >> 24) & 0xFF] ^
            portable_table[3][(word >> 32) & 0xFF] ^ portable_table[2][(word >> 40) & 0xFF] ^
            portable_table[1][(word >> 48) & 0xFF] ^ portable_table[0][word >> 56];
        p += 8;
        length -= 8;
    }
    while (length > 0) {
        c = (c >> 8) ^ portable_table[0][(c ^ *p) & 0xFF];
        p++;
        length--;
    }
    return ~c;
}

#if defined(__x86_64__)
#include <cpuid.h>
#include <nmmintrin.h>

__attribute__((target("sse4.2")))
static uint32_t crc32c_sse42(uint32_t crc, const void *data, size_t length) {
    const unsigned char *p = data;
    uint64_t c = ~crc;
    while (length > 0 && ((uintptr_t)p & 7) != 0) {
        c = _mm_crc32_u8((uint32_t)c, *p);
        p++;
        length--;
    }
    while (length >= 8) {
        uint64_t word;
        memcpy(&word, p, 8);
        c = _mm_crc32_u64(c, word);
        p += 8;
        length -= 8;
    }
    while (length > 0) {
        c = _mm_crc32_u8((uint32_t)c, *p);
        p++;
        length--;
    }
    return ~(uint32_t)c;
}

/// 0 not yet known, 1 hardware, 2 portable.
static atomic_int implementation;

static int detect_hardware(void) {
    unsigned int eax, ebx, ecx, edx;
    if (__get_cpuid(1, &eax, &ebx, &ecx, &edx) && (ecx & bit_SSE4_2) != 0) {
        return 1;
    }
    return 2;
}

int tern_crc32c_hardware(void) {
    int chosen = atomic_load_explicit(&implementation, memory_order_relaxed);
    if (chosen == 0) {
        chosen = detect_hardware();
        atomic_store_explicit(&implementation, chosen, memory_order_relaxed);
    }
    return chosen == 1;
}

uint32_t tern_crc32c(uint32_t crc, const void *data, size_t length) {
    if (tern_crc32c_hardware()) {
        return crc32c_sse42(crc, data, length);
    }
    return tern_crc32c_portable(crc, data, length);
}

#else

int tern_crc32c_hardware(void) {
    return 0;
}

uint32_t tern_crc32c(uint32_t crc, const void *data, size_t length) {
    return tern_crc32c_portable(crc, data, length);
}

#endif
