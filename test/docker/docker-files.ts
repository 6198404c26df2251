import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

export const DOCKER_DIR = join(process.cwd(), 'docker');

export interface ComposeService {
  image?: string;
  build?: unknown;
  command?: string[];
  environment?: Record<string, string>;
  ports?: string[];
  expose?: string[];
  volumes?: string[];
  restart?: string;
  healthcheck?: { test: string[] };
  stop_grace_period?: string;
  depends_on?: Record<string, { condition: string }>;
  deploy?: { replicas?: number };
}

export interface ComposeFile {
  name?: string;
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
}

/** `docker/compose.yaml` as Compose reads it (YAML 1.2 with `<<` merge keys). */
export function readCompose(): { raw: string; compose: ComposeFile } {
  const raw = readFileSync(join(DOCKER_DIR, 'compose.yaml'), 'utf8');
  return { raw, compose: parse(raw, { merge: true }) as ComposeFile };
}

export interface DockerStage {
  from: string;
  lines: string[];
}

/** The Dockerfile's stages, each with its instructions (continuation lines joined). */
export function readDockerfile(): DockerStage[] {
  const text = readFileSync(join(DOCKER_DIR, 'Dockerfile'), 'utf8').replace(/\\\n\s*/g, ' ');
  const stages: DockerStage[] = [];
  for (const line of text.split('\n').map((l) => l.trim())) {
    if (line === '' || line.startsWith('#')) continue;
    if (/^FROM\s/i.test(line)) stages.push({ from: line.split(/\s+/)[1] ?? '', lines: [] });
    else stages.at(-1)?.lines.push(line);
  }
  return stages;
}

/** `ENV NAME=value` of a stage. */
export function stageEnv(stage: DockerStage): Record<string, string> {
  return Object.fromEntries(
    stage.lines
      .filter((line) => /^ENV\s/i.test(line))
      .map((line) => line.replace(/^ENV\s+/i, ''))
      .map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]),
  );
}

/** The JSON-form `CMD [...]` of a stage. */
export function stageCommand(stage: DockerStage): string[] {
  const line = stage.lines.filter((l) => /^CMD\s/i.test(l)).at(-1) ?? 'CMD []';
  return JSON.parse(line.replace(/^CMD\s+/i, '')) as string[];
}

/**
 * Compose's variable interpolation as the operator's shell would feed it: `${NAME}`,
 * `${NAME:-default}` and `${NAME:?message}` (which fails, naming NAME, when unset).
 */
export function interpolate(value: string, env: Record<string, string | undefined>): string {
  return value.replace(/\$\{(\w+)(?::([-?])([^}]*))?\}/g, (_all, name: string, kind, rest) => {
    const given = env[name];
    if (given !== undefined && given !== '') return given;
    if (kind === '?') throw new Error(`${name}: ${String(rest)}`);
    return kind === '-' ? String(rest) : '';
  });
}

/** A service's environment after interpolation. */
export function serviceEnvironment(
  service: ComposeService,
  env: Record<string, string | undefined>,
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(service.environment ?? {}).map(([key, value]) => [
      key,
      interpolate(String(value), env),
    ]),
  );
}
