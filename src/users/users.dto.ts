import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsIn, IsOptional, IsString, IsUUID, Length, MaxLength } from 'class-validator';
import { ROLES, type Role } from '../auth/principal';
import type { UserEntity } from './user.entity';
import { IsEmailAddress } from '../common/validation/is-email-address';
import { RequiredText } from '../common/validation/required-text';

export class CreateUserDto {
  @ApiProperty({ example: 'j.jansen@werkgever.nl' })
  @IsEmailAddress()
  @MaxLength(254)
  email: string;

  @ApiProperty({ example: 'J. Jansen' })
  @RequiredText(200)
  displayName: string;

  @ApiPropertyOptional({
    description: 'At least 12 characters. Omit for accounts that log in through an external identity provider.',
    minLength: 12,
  })
  @IsOptional()
  @IsString()
  @Length(12, 200, { message: 'must be 12 to 200 characters' })
  password?: string;

  @ApiProperty({ enum: ROLES, isArray: true, example: ['caseworker'] })
  @ArrayMinSize(1)
  @ArrayMaxSize(ROLES.length)
  @ArrayUnique()
  @IsIn(ROLES, { each: true, message: `each value must be one of ${ROLES.join(', ')}` })
  roles: Role[];

  @ApiPropertyOptional({ format: 'uuid', description: 'Required for (and only for) the employer role.' })
  @IsOptional()
  @IsUUID()
  employerId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Required for (and only for) the education-partner role.' })
  @IsOptional()
  @IsUUID()
  educationPartnerId?: string;
}

export class UserView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() email: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ enum: ROLES, isArray: true }) roles: Role[];
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) employerId: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) educationPartnerId: string | null;
  @ApiProperty() active: boolean;
}

export function toUserView(u: UserEntity): UserView {
  return {
    id: u.id,
    email: u.email,
    displayName: u.displayName,
    roles: u.roles,
    employerId: u.employerId,
    educationPartnerId: u.educationPartnerId,
    active: u.active,
  };
}
