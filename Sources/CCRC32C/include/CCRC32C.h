#ifndef TERN_CCRC32C_H
#define TERN_CCRC32C_H

#include <stddef.h>
#include <stdint.h>

/// CRC-32C (Castagnoli, reflected polynomial 0x82F63B78, initial value and final XOR 0xFFFFFFFF)
/// of `length` bytes at `data`, continuing from `crc`: pass 0 to start, or the result over the
/// preceding bytes to extend it. Uses the SSE4.2 `crc32` instruction when the CPU has it.
uint32_t tern_crc32c(uint32_t crc, const void *data, size_t length);

/// The same checksum computed in portable C (slicing by 8), whatever the CPU.
uint32_t tern_crc32c_portable(uint32_t crc, const void *data, size_t length);

/// 1 when `tern_crc32c` uses the CPU's CRC-32C instruction, 0 when it falls back to portable C.
int tern_crc32c_hardware(void);

#endif
