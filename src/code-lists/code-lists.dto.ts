import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsString, Length, Matches, ValidateIf } from 'class-validator';
import { CODE_LISTS, type CodeListItemEntity, type CodeListName } from './code-list-item.entity';
import { RequiredText } from '../common/validation/required-text';

export class CodeListParams {
  @ApiProperty({ enum: CODE_LISTS })
  @IsIn(CODE_LISTS)
  listName: CodeListName;
}

export class CodeListItemParams extends CodeListParams {
  @ApiProperty({ example: 'zorg' })
  @Matches(/^[a-z0-9]+(-[a-z0-9]+)*$/, { message: 'must be lower-case kebab-case, like bouw-techniek' })
  code: string;
}

export class CreateCodeListItemDto {
  @ApiProperty({ example: 'west', description: 'Lower-case kebab-case code, stable once used.' })
  @Matches(/^[a-z0-9]+(-[a-z0-9]+)*$/, { message: 'must be lower-case kebab-case, like bouw-techniek' })
  @Length(1, 50)
  code: string;

  @ApiProperty({ example: 'Banenplan West' })
  @RequiredText(200)
  name: string;

  @ApiPropertyOptional({ example: 'area', nullable: true, type: String, description: 'For job plans: sector or area.' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @Length(1, 50)
  category?: string | null;
}

export class UpdateCodeListItemDto {
  @ApiPropertyOptional({ example: 'Banenplan West' })
  @IsOptional()
  @RequiredText(200)
  name?: string;

  @ApiPropertyOptional({ description: 'Inactive items stay valid on existing records but cannot be chosen anew.' })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export class CodeListItemView {
  @ApiProperty({ enum: CODE_LISTS }) list: CodeListName;
  @ApiProperty({ example: 'zorg' }) code: string;
  @ApiProperty({ example: 'Banenplan zorg' }) name: string;
  @ApiProperty({ nullable: true, type: String, example: 'sector' }) category: string | null;
  @ApiProperty() active: boolean;
}

export function toCodeListItemView(i: CodeListItemEntity): CodeListItemView {
  return { list: i.list, code: i.code, name: i.name, category: i.category, active: i.active };
}
