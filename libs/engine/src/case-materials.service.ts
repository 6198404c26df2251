import { randomUUID } from 'node:crypto';
import {
  BadRequestException,
  ForbiddenException,
  Injectable,
  PayloadTooLargeException,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { PersistedCaseSnapshot } from '@onevisit/definitions';
import { CaseMaterialEntity, TransactionRunner } from '@onevisit/persistence';
import type { Actor } from './actor.js';
import { refusalOf } from './case-authorisation.js';
import { CaseDefinitions } from './case-definitions.js';
import { CaseService } from './case.service.js';
import { sniffContentType } from './content-sniffer.js';
import type { CaseView } from './case-view.js';
import { FileStore, UPLOAD_LIMITS } from './file-store.js';
import { insertRow } from './typed-writes.js';

export type MaterialSubmission =
  | { material: string; file: { content: Buffer; contentType: string } }
  | { material: string; licenceNumber: string };

/**
 * Materials handed in for a case: uploads (content-addressed, limited in size and type)
 * or a licence the applicant already holds (免证可办). A material the case is waiting
 * for (容缺) also sends MATERIAL_SUPPLIED, in the same transaction as its record.
 */
@Injectable()
export class CaseMaterialsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: TransactionRunner,
    private readonly cases: CaseService,
    private readonly definitions: CaseDefinitions,
    private readonly files: FileStore,
  ) {}

  async submit(caseId: string, submission: MaterialSubmission, actor: Actor): Promise<CaseView> {
    const row = await this.cases.load(caseId);
    const definition = await this.definitions.pinned(row.bundleCode, row.bundleVersion);
    const refusal = refusalOf(
      actor,
      { type: 'MATERIAL_SUPPLIED', material: submission.material },
      {
        applicantSub: row.applicantSub,
        departments: definition.departments,
        window: row.window,
      },
    );
    if (refusal) throw new ForbiddenException(refusal);
    const entry = definition.compiled.materials.find((m) => m.material === submission.material);
    if (!entry)
      throw invalid('material', `${submission.material} is not a material of this bundle`);

    const record: CaseMaterialEntity = {
      id: randomUUID(),
      caseId,
      material: submission.material,
      source: 'upload',
      fileSha256: null,
      fileSize: null,
      contentType: null,
      licenceNumber: null,
      createdAt: new Date(),
    };
    if ('file' in submission) {
      const { content, contentType } = submission.file;
      if (content.length > UPLOAD_LIMITS.maxBytes) {
        throw new PayloadTooLargeException(`file exceeds ${UPLOAD_LIMITS.maxBytes} bytes`);
      }
      if (content.length === 0) throw invalid('file', 'is empty');
      if (!UPLOAD_LIMITS.contentTypes.includes(contentType)) {
        throw invalid(
          'file',
          `type ${contentType} is not one of ${UPLOAD_LIMITS.contentTypes.join(', ')}`,
        );
      }
      // The claimed type must be what the bytes are: checked by content, not by label.
      const sniffed = sniffContentType(content);
      if (sniffed !== contentType) {
        throw invalid(
          'file',
          sniffed
            ? `content is ${sniffed}, not the claimed ${contentType}`
            : `content is not one of ${UPLOAD_LIMITS.contentTypes.join(', ')}`,
        );
      }
      const stored = await this.files.put(content);
      Object.assign(record, { fileSha256: stored.sha256, fileSize: stored.size, contentType });
    } else {
      if (!entry.satisfiedByLicence) {
        throw invalid('licenceNumber', `${submission.material} cannot be replaced by a licence`);
      }
      Object.assign(record, { source: 'held-licence', licenceNumber: submission.licenceNumber });
    }

    const context = (row.snapshot as unknown as PersistedCaseSnapshot).context;
    if (!context.missing.includes(submission.material)) {
      await this.transactions.run((manager) => insertRow(manager, CaseMaterialEntity, record));
      return this.cases.get(caseId);
    }
    // Record and event commit together; the event's own transaction joins this one.
    await this.transactions.run(async (manager) => {
      await insertRow(manager, CaseMaterialEntity, record);
      await this.cases.apply(
        caseId,
        { type: 'MATERIAL_SUPPLIED', material: submission.material },
        actor,
        { expectedVersion: row.version },
      );
    });
    // Read after commit: on PostgreSQL another pooled connection sees only committed rows.
    return this.cases.get(caseId);
  }

  list(caseId: string): Promise<CaseMaterialEntity[]> {
    return this.dataSource.manager.find(CaseMaterialEntity, {
      where: { caseId },
      order: { createdAt: 'ASC' },
    });
  }
}

function invalid(field: string, message: string): BadRequestException {
  return new BadRequestException({
    statusCode: 400,
    error: 'Bad Request',
    message: `${field}: ${message}`,
    errors: [{ field, message }],
  });
}
