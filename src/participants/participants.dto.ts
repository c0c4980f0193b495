import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, Length, Matches } from 'class-validator';
import { IsCalendarDate } from '../common/dates/calendar-date';
import { IsBsn } from '../common/identifiers/identifier.decorators';
import { normalizeBsn } from '../common/identifiers/identifiers';
import { EDUCATION_LEVELS, type EducationLevel } from './participant.entity';
import { IsEmailAddress } from '../common/validation/is-email-address';
import { RequiredText } from '../common/validation/required-text';

const normalizeBsnInput = ({ value }: { value: unknown }) => (typeof value === 'string' ? normalizeBsn(value) : value);

export class CreateParticipantDto {
  @ApiProperty({ example: 'Fatima' })
  @RequiredText(200)
  givenNames: string;

  @ApiProperty({ example: 'El Amrani' })
  @RequiredText(200)
  familyName: string;

  @ApiProperty({ format: 'date', example: '1988-04-12' })
  @IsCalendarDate()
  dateOfBirth: string;

  @ApiProperty({ example: '111222333', description: 'Stored encrypted, shown masked, never logged or echoed.' })
  @Transform(normalizeBsnInput)
  @IsBsn()
  bsn: string;

  @ApiPropertyOptional({ example: 'f.elamrani@example.nl' })
  @IsOptional()
  @IsEmailAddress()
  @Length(3, 254)
  email?: string;

  @ApiPropertyOptional({ example: '06 12345678' })
  @IsOptional()
  @Matches(/^\+?[0-9 ()-]{6,20}$/, { message: 'must be a phone number' })
  phone?: string;

  @ApiPropertyOptional({ enum: EDUCATION_LEVELS })
  @IsOptional()
  @IsIn(EDUCATION_LEVELS)
  educationLevel?: EducationLevel;
}

/** Looking a participant up by BSN goes in a body, never in a URL (URLs end up in logs). */
export class ParticipantBsnSearchDto {
  @ApiProperty({ example: '111222333' })
  @Transform(normalizeBsnInput)
  @IsBsn()
  bsn: string;
}

export class ParticipantView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'P0001000' }) participantNumber: string;
  @ApiProperty({ example: 'Fatima' }) givenNames: string;
  @ApiProperty({ example: 'El Amrani' }) familyName: string;
  @ApiProperty({ format: 'date', example: '1988-04-12' }) dateOfBirth: string;
  @ApiProperty({ example: '******333', description: 'Masked BSN.' }) bsnMasked: string;
  @ApiProperty({ nullable: true, type: String }) email: string | null;
  @ApiProperty({ nullable: true, type: String }) phone: string | null;
  @ApiProperty({ enum: EDUCATION_LEVELS, nullable: true }) educationLevel: EducationLevel | null;
}

/** What employers and education partners may see of a participant: no BSN, no contact details. */
export class ParticipantSummary {
  @ApiProperty({ example: 'P0001000' }) participantNumber: string;
  @ApiProperty({ example: 'Fatima El Amrani' }) name: string;
  @ApiProperty({ format: 'date', example: '1988-04-12' }) dateOfBirth: string;
}
