import { ApiProperty } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsObject, ValidateNested } from 'class-validator';
import { BankAccountInput } from '../bank-accounts/bank-accounts.dto';
import { IsBrinCode } from '../common/identifiers/identifier.decorators';
import { normalizeBrinCode } from '../common/identifiers/identifiers';
import { ContactDto } from '../employers/employers.dto';
import type { EducationPartnerEntity } from './education-partner.entity';
import { RequiredText } from '../common/validation/required-text';

export class RegisterEducationPartnerDto {
  @ApiProperty({ example: 'ROC Amstelstad' })
  @RequiredText(200)
  name: string;

  @ApiProperty({ example: '25LJ', description: 'BRIN code: 2 digits and 2 letters.' })
  @Transform(({ value }) => (typeof value === 'string' ? normalizeBrinCode(value) : value))
  @IsBrinCode()
  brinCode: string;

  @ApiProperty({ type: ContactDto })
  @IsObject()
  @ValidateNested()
  @Type(() => ContactDto)
  contact: ContactDto;

  @ApiProperty({ type: BankAccountInput, description: 'Pending until a caseworker verifies it.' })
  @IsObject()
  @ValidateNested()
  @Type(() => BankAccountInput)
  bankAccount: BankAccountInput;
}

export class EducationPartnerView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'ROC Amstelstad' }) name: string;
  @ApiProperty({ example: '25LJ' }) brinCode: string;
  @ApiProperty({ type: ContactDto, nullable: true }) contact: ContactDto | null;
}

export function toEducationPartnerView(p: EducationPartnerEntity): EducationPartnerView {
  return {
    id: p.id,
    name: p.name,
    brinCode: p.brinCode,
    contact:
      p.contactName && p.contactEmail && p.contactPhone
        ? { name: p.contactName, email: p.contactEmail, phone: p.contactPhone }
        : null,
  };
}
