import { execFileSync } from 'node:child_process';

/**
 * The NODE_OPTIONS the API and worker run with (`with_service_node_options` in
 * scripts/lib.sh, which `npm start` and the bench use), for harnesses that start those
 * processes themselves: they then run as in production. Read from the script so that the
 * options live in one place.
 */
export function serviceNodeOptions(): string {
  return execFileSync(
    'bash',
    ['-c', 'source scripts/lib.sh && with_service_node_options && printf %s "$NODE_OPTIONS"'],
    { encoding: 'utf8' },
  );
}
