import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsObject, IsOptional, IsString, Length, Matches, ValidateNested } from 'class-validator';
import { BankAccountInput, BankAccountView } from '../bank-accounts/bank-accounts.dto';
import { IsKvkNumber, IsPayrollTaxNumber } from '../common/identifiers/identifier.decorators';
import { normalizeKvkNumber, normalizePayrollTaxNumber } from '../common/identifiers/identifiers';
import type { EmployerEntity } from './employer.entity';
import { IsEmailAddress } from '../common/validation/is-email-address';
import { RequiredText } from '../common/validation/required-text';

const normalize =
  (fn: (v: string) => string) =>
  ({ value }: { value: unknown }) =>
    typeof value === 'string' ? fn(value) : value;

export class AddressDto {
  @ApiProperty({ example: 'Amstelplein' })
  @RequiredText(200)
  street: string;

  @ApiProperty({ example: '12a' })
  @IsString()
  @Length(1, 20)
  houseNumber: string;

  @ApiProperty({ example: '1096BC', description: 'Dutch postal code; a space is allowed.' })
  @Transform(normalize((v) => v.replace(/\s+/g, '').toUpperCase()))
  @Matches(/^[1-9][0-9]{3}[A-Z]{2}$/, { message: 'must be a Dutch postal code like 1096 BC' })
  postalCode: string;

  @ApiProperty({ example: 'Amsterdam' })
  @RequiredText(100)
  city: string;
}

export class ContactDto {
  @ApiProperty({ example: 'H. de Vries' })
  @RequiredText(200)
  name: string;

  @ApiProperty({ example: 'hr@zorggroep-amstelland.nl' })
  @IsEmailAddress()
  @Length(3, 254)
  email: string;

  @ApiProperty({ example: '+31 20 123 4567' })
  @Matches(/^\+?[0-9 ()-]{6,20}$/, { message: 'must be a phone number' })
  phone: string;
}

export class FirstAccountDto {
  @ApiProperty({ example: 'h.devries@zorggroep-amstelland.nl' })
  @IsEmailAddress()
  @Length(3, 254)
  email: string;

  @ApiProperty({ example: 'Hanna de Vries' })
  @RequiredText(200)
  displayName: string;

  @ApiProperty({ minLength: 12 })
  @IsString()
  @Length(12, 200, { message: 'must be 12 to 200 characters' })
  password: string;
}

export class RegisterEmployerDto {
  @ApiProperty({ example: 'Zorggroep Amstelland B.V.' })
  @RequiredText(200)
  name: string;

  @ApiProperty({ example: '12345678', description: 'KvK number, 8 digits.' })
  @Transform(normalize(normalizeKvkNumber))
  @IsKvkNumber()
  kvkNumber: string;

  @ApiProperty({ example: '123456782L01', description: 'Loonheffingennummer: 9 digits, L, 2 digits.' })
  @Transform(normalize(normalizePayrollTaxNumber))
  @IsPayrollTaxNumber()
  payrollTaxNumber: string;

  @ApiProperty({ type: AddressDto })
  @IsObject()
  @ValidateNested()
  @Type(() => AddressDto)
  address: AddressDto;

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

  @ApiProperty({ type: FirstAccountDto, description: 'The first user of the organisation (role employer).' })
  @IsObject()
  @ValidateNested()
  @Type(() => FirstAccountDto)
  account: FirstAccountDto;
}

export class UpdateEmployerDto {
  @ApiPropertyOptional({ example: 'Zorggroep Amstelland B.V.' })
  @IsOptional()
  @RequiredText(200)
  name?: string;

  @ApiPropertyOptional({ example: '123456782L01' })
  @IsOptional()
  @Transform(normalize(normalizePayrollTaxNumber))
  @IsPayrollTaxNumber()
  payrollTaxNumber?: string;

  @ApiPropertyOptional({ type: AddressDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => AddressDto)
  address?: AddressDto;

  @ApiPropertyOptional({ type: ContactDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ContactDto)
  contact?: ContactDto;
}

export class EmployerView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'Zorggroep Amstelland B.V.' }) name: string;
  @ApiProperty({ example: '12345678' }) kvkNumber: string;
  @ApiProperty({ example: '123456782L01', nullable: true, type: String }) payrollTaxNumber: string | null;
  @ApiProperty({ type: AddressDto, nullable: true }) address: AddressDto | null;
  @ApiProperty({ type: ContactDto, nullable: true }) contact: ContactDto | null;
  @ApiProperty({ type: BankAccountView, nullable: true, description: 'The verified account payments go to.' })
  verifiedBankAccount: BankAccountView | null;
  @ApiProperty({ type: BankAccountView, nullable: true, description: 'A new account waiting for verification.' })
  pendingBankAccount: BankAccountView | null;
  @ApiProperty({ example: 1, description: 'Also sent as ETag; send it back in If-Match to update.' }) version: number;
}

export class RegisteredEmployerView {
  @ApiProperty({ type: EmployerView }) employer: EmployerView;
  @ApiProperty({ format: 'uuid' }) userId: string;
}

export function toEmployerView(
  e: EmployerEntity,
  accounts: { verified: BankAccountView | null; pending: BankAccountView | null } = { verified: null, pending: null },
): EmployerView {
  return {
    id: e.id,
    name: e.name,
    kvkNumber: e.kvkNumber,
    payrollTaxNumber: e.payrollTaxNumber,
    address:
      e.street && e.houseNumber && e.postalCode && e.city
        ? { street: e.street, houseNumber: e.houseNumber, postalCode: e.postalCode, city: e.city }
        : null,
    contact:
      e.contactName && e.contactEmail && e.contactPhone
        ? { name: e.contactName, email: e.contactEmail, phone: e.contactPhone }
        : null,
    verifiedBankAccount: accounts.verified,
    pendingBankAccount: accounts.pending,
    version: e.version,
  };
}
