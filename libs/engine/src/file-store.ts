import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Limits on uploaded materials: size and the file types a window accepts. */
export const UPLOAD_LIMITS = {
  maxBytes: 10 * 1024 * 1024,
  contentTypes: ['application/pdf', 'image/jpeg', 'image/png'] as readonly string[],
};

/**
 * Content-addressed files under `<varDir>/files/<sha256>`: the same content is stored
 * once, and the name is its own checksum. Writes go to a temporary name first, then
 * are renamed, so a crash never leaves a half-written file under a checksum.
 */
export class FileStore {
  readonly dir: string;

  constructor(varDir: string) {
    this.dir = join(varDir, 'files');
  }

  async put(content: Buffer): Promise<{ sha256: string; size: number }> {
    const sha256 = createHash('sha256').update(content).digest('hex');
    const path = this.pathOf(sha256);
    if (!existsSync(path)) {
      mkdirSync(this.dir, { recursive: true });
      const temporary = join(this.dir, `.${sha256}.${randomUUID()}.tmp`);
      await writeFile(temporary, content);
      await rename(temporary, path);
    }
    return { sha256, size: content.length };
  }

  pathOf(sha256: string): string {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error(`not a sha256: ${sha256}`);
    return join(this.dir, sha256);
  }
}
