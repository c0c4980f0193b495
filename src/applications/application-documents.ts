import {
  Body,
  Controller,
  Get,
  Injectable,
  Param,
  Post,
  Res,
  StreamableFile,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import {
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiProperty,
  ApiTags,
} from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { IsIn } from 'class-validator';
import type { Response } from 'express';
import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { CurrentPrincipal, Roles } from '../auth/decorators';
import { BACKOFFICE_ROLES, type Principal } from '../auth/principal';
import { DomainError, InvalidInput, NotFound } from '../common/errors/domain-errors';
import { uuidParam } from '../common/problem/uuid-param';
import { ApplicationDocumentEntity, DOCUMENT_KINDS, type DocumentKind } from './application.entities';
import { ApplicationsService } from './applications.service';

/** Uploads larger than this are refused with 413. */
export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;

/** 415: the file is not one of the accepted types, judged by its content, not its name. */
export class UnsupportedFileType extends DomainError {
  readonly status = 415;
  readonly slug = 'unsupported-file-type';
  readonly title = 'Unsupported file type';
}

const SIGNATURES: Array<{ type: string; bytes: number[] }> = [
  { type: 'application/pdf', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] }, // %PDF-
  { type: 'image/jpeg', bytes: [0xff, 0xd8, 0xff] },
  { type: 'image/png', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
];

/** The content type from the file's first bytes (magic numbers); the client's claim is not trusted. */
export function detectContentType(content: Buffer): string | null {
  return SIGNATURES.find((s) => s.bytes.every((b, i) => content[i] === b))?.type ?? null;
}

function safeFileName(name: string): string {
  const cleaned = basename(name.replace(/\\/g, '/'))
    .replace(/[\u0000-\u001f\u007f"]/g, '')
    .trim();
  return (cleaned || 'document').slice(0, 255);
}

export class UploadDocumentDto {
  @ApiProperty({ enum: DOCUMENT_KINDS })
  @IsIn(DOCUMENT_KINDS)
  kind: DocumentKind;
}

export class DocumentView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) applicationId: string;
  @ApiProperty({ enum: DOCUMENT_KINDS }) kind: DocumentKind;
  @ApiProperty({ example: 'arbeidsovereenkomst.pdf' }) fileName: string;
  @ApiProperty({ example: 'application/pdf' }) contentType: string;
  @ApiProperty({ example: 48213 }) sizeBytes: number;
  @ApiProperty({ example: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' }) sha256: string;
  @ApiProperty({ format: 'date-time' }) uploadedAt: string;
}

function toView(d: ApplicationDocumentEntity): DocumentView {
  return {
    id: d.id,
    applicationId: d.applicationId,
    kind: d.kind,
    fileName: d.fileName,
    contentType: d.contentType,
    sizeBytes: d.sizeBytes,
    sha256: d.sha256,
    uploadedAt: d.uploadedAt.toISOString(),
  };
}

@Injectable()
export class ApplicationDocumentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly applications: ApplicationsService,
    private readonly audit: AuditService,
  ) {}

  async upload(
    actor: Principal,
    applicationId: string,
    kind: DocumentKind,
    file: Express.Multer.File | undefined,
  ): Promise<ApplicationDocumentEntity> {
    if (!file || file.size === 0) throw new InvalidInput([{ name: 'file', reason: 'a non-empty file is required' }]);
    const contentType = detectContentType(file.buffer);
    if (!contentType)
      throw new UnsupportedFileType('Only PDF, JPEG and PNG files are accepted; the content of this file is none of these.');
    let saved!: ApplicationDocumentEntity;
    await this.applications.documentChange(actor, applicationId, async (app, m) => {
      const { id } = await m.save(
        m.create(ApplicationDocumentEntity, {
          applicationId: app.id,
          kind,
          fileName: safeFileName(file.originalname),
          contentType,
          sizeBytes: file.size,
          sha256: createHash('sha256').update(file.buffer).digest('hex'),
          content: file.buffer,
          uploadedBy: actor.userId,
        }),
      );
      saved = await m.findOneByOrFail(ApplicationDocumentEntity, { id });
      await this.audit.record(m, actor, {
        action: 'application-document.uploaded',
        entityType: 'application-document',
        entityId: id,
        after: toView(saved),
      });
    });
    return saved;
  }

  async list(actor: Principal, applicationId: string): Promise<ApplicationDocumentEntity[]> {
    await this.applications.get(actor, applicationId);
    return this.dataSource
      .getRepository(ApplicationDocumentEntity)
      .find({ where: { applicationId }, order: { uploadedAt: 'ASC' } });
  }

  async content(actor: Principal, applicationId: string, documentId: string): Promise<ApplicationDocumentEntity> {
    await this.applications.get(actor, applicationId);
    const document = await this.dataSource
      .getRepository(ApplicationDocumentEntity)
      .createQueryBuilder('d')
      .addSelect('d.content')
      .where('d.id = :documentId AND d.applicationId = :applicationId', { documentId, applicationId })
      .getOne();
    if (!document) throw new NotFound('Document', documentId);
    // Documents carry personal data: every download is traceable (API and portals alike).
    await this.audit.record(this.dataSource.manager, actor, {
      action: 'application-document.downloaded',
      entityType: 'application-document',
      entityId: document.id,
      after: { applicationId },
    });
    return document;
  }
}

@ApiTags('applications')
@Controller('applications/:applicationId/documents')
export class ApplicationDocumentsController {
  constructor(private readonly documents: ApplicationDocumentsService) {}

  @Post()
  @Roles('employer', 'caseworker')
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: MAX_DOCUMENT_BYTES, files: 1, fields: 5 } }))
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file', 'kind'],
      properties: { file: { type: 'string', format: 'binary' }, kind: { type: 'string', enum: [...DOCUMENT_KINDS] } },
    },
  })
  @ApiOperation({
    summary: 'Upload the signed employment contract, a pay slip or another document (PDF, JPEG, PNG; at most 10 MB)',
  })
  @ApiCreatedResponse({ type: DocumentView })
  async upload(
    @CurrentPrincipal() actor: Principal,
    @Param('applicationId', uuidParam('applicationId')) applicationId: string,
    @Body() dto: UploadDocumentDto,
    @UploadedFile() file: Express.Multer.File | undefined,
  ): Promise<DocumentView> {
    return toView(await this.documents.upload(actor, applicationId, dto.kind, file));
  }

  @Get()
  @Roles('employer', ...BACKOFFICE_ROLES)
  @ApiOperation({ summary: 'Documents of the application' })
  @ApiOkResponse({ type: [DocumentView] })
  async list(@CurrentPrincipal() actor: Principal, @Param('applicationId', uuidParam('applicationId')) applicationId: string) {
    return (await this.documents.list(actor, applicationId)).map(toView);
  }

  @Get(':documentId/content')
  @Roles('employer', ...BACKOFFICE_ROLES)
  @ApiOperation({ summary: 'Download a document: exactly the uploaded bytes (ETag = SHA-256)' })
  @ApiProduces('application/pdf', 'image/jpeg', 'image/png')
  @ApiOkResponse({ description: 'The file.', schema: { type: 'string', format: 'binary' } })
  async content(
    @CurrentPrincipal() actor: Principal,
    @Param('applicationId', uuidParam('applicationId')) applicationId: string,
    @Param('documentId', uuidParam('documentId')) documentId: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    const document = await this.documents.content(actor, applicationId, documentId);
    res.setHeader('ETag', `"${document.sha256}"`);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    return new StreamableFile(document.content, {
      type: document.contentType,
      disposition: `attachment; filename="${document.fileName.replace(/[^\x20-\x7e]/g, '_')}"`,
      length: document.sizeBytes,
    });
  }
}
