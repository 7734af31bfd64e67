// Glue-shaped identifiers derived from a hash, so the same inputs give the same ids on every start.
import { createHash } from 'node:crypto';

const hex32 = (key: string): string => createHash('sha256').update(key).digest('hex').slice(0, 32);

/** A transform id like Glue's: 'tfm-' + 32 hex digits. */
export const transformIdFor = (key: string): string => `tfm-${hex32(`transform:${key}`)}`;

/** A task run id like Glue's: 'tskr' + 32 hex digits. */
export const taskRunIdFor = (key: string): string => `tskr${hex32(`taskrun:${key}`)}`;
