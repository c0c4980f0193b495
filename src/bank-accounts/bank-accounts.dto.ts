import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, ValidateIf } from 'class-validator';
import { IsBic, IsIban } from '../common/identifiers/identifier.decorators';
import { formatIbanForDisplay, normalizeBic, normalizeIban } from '../common/identifiers/identifiers';
import type { BankAccountEntity, BankAccountStatus } from './bank-account.entity';
import { RequiredText } from '../common/validation/required-text';

const normalize =
  (fn: (v: string) => string) =>
  ({ value }: { value: unknown }) =>
    typeof value === 'string' ? fn(value) : value;

export class BankAccountInput {
  @ApiProperty({ example: 'NL91 ABNA 0417 1643 00', description: 'Spaces allowed; stored without.' })
  @Transform(normalize(normalizeIban))
  @IsIban()
  iban: string;

  @ApiProperty({ example: 'Zorggroep Amstelland B.V.', description: 'Name of the account holder (tenaamstelling).' })
  @RequiredText(70)
  accountHolder: string;

  @ApiPropertyOptional({ example: 'ABNANL2A', nullable: true, type: String })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @Transform(normalize(normalizeBic))
  @IsBic()
  bic?: string | null;
}

export class BankAccountDecisionDto {
  @ApiProperty({ enum: ['verified', 'rejected'] })
  @IsIn(['verified', 'rejected'])
  decision: 'verified' | 'rejected';

  @ApiPropertyOptional({ example: 'Checked against a recent bank statement.', description: 'Required when rejecting.' })
  @ValidateIf((o: BankAccountDecisionDto) => o.decision === 'rejected' || o.reason !== undefined)
  @RequiredText(1000)
  reason?: string;
}

export class BankAccountView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'NL91 ABNA 0417 1643 00' }) iban: string;
  @ApiProperty() accountHolder: string;
  @ApiProperty({ nullable: true, type: String }) bic: string | null;
  @ApiProperty({ enum: ['pending', 'verified', 'rejected', 'superseded'] }) status: BankAccountStatus;
  @ApiProperty({ format: 'date-time' }) requestedAt: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) decidedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) decisionReason: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) employerId: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) educationPartnerId: string | null;
}

export function toBankAccountView(a: BankAccountEntity): BankAccountView {
  return {
    id: a.id,
    iban: formatIbanForDisplay(a.iban),
    accountHolder: a.accountHolder,
    bic: a.bic,
    status: a.status,
    requestedAt: a.requestedAt.toISOString(),
    decidedAt: a.decidedAt?.toISOString() ?? null,
    decisionReason: a.decisionReason,
    employerId: a.employerId,
    educationPartnerId: a.educationPartnerId,
  };
}
