/**
 * Counts the characters the scanners examine (`parseRaw`'s line scanner, the `$NAME` scanner).
 * Not part of the public API: the robustness suite reads it to show that cost grows linearly
 * with the input, which timing on a shared machine cannot show reliably.
 */
export const operationMeter = { operations: 0 };
