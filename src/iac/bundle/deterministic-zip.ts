/** A zip whose bytes depend only on its entries' paths and contents: sorted entries, one timestamp, fixed modes. */
import { type Zippable, zipSync } from 'fflate';

export interface ZipEntry {
  /** With `/` separators. */
  path: string;
  data: Uint8Array;
  executable: boolean;
}

/** MS-DOS time starts in 1980; fflate writes the local-time fields of this date, so every time zone gets the same bytes. */
export const ZIP_ENTRY_TIME = new Date(1980, 0, 1, 0, 0, 0);

/** PKZIP's "made by" value for Unix, so the modes below are read as Unix permissions. */
const UNIX = 3;
const FILE_MODE = 0o100644;
const EXECUTABLE_MODE = 0o100755;

export function deterministicZip(entries: readonly ZipEntry[]): Uint8Array {
  const sorted = [...entries].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const zippable: Zippable = {};
  for (const entry of sorted) {
    const mode = entry.executable ? EXECUTABLE_MODE : FILE_MODE;
    zippable[entry.path] = [entry.data, { mtime: ZIP_ENTRY_TIME, os: UNIX, attrs: mode << 16, level: 9 }];
  }
  return zipSync(zippable);
}
