import { Type as ClassType } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export const MAX_PAGE_SIZE = 100;

/** `?page=2&pageSize=50`; pages start at 1, at most 100 items a page. */
export class PageQuery {
  @ApiPropertyOptional({ minimum: 1, default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100000)
  page: number = 1;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE_SIZE, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  pageSize: number = 20;

  offset(): number {
    return (this.page - 1) * this.pageSize;
  }
}

export interface PageOf<T> {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
}

export function pageOf<T>(items: T[], total: number, query: PageQuery): PageOf<T> {
  return { items, page: query.page, pageSize: query.pageSize, total };
}

/** An OpenAPI schema class for a page of `item`. */
export function Page<T>(item: ClassType<T>): ClassType<PageOf<T>> {
  class PageOfItems implements PageOf<T> {
    @ApiProperty({ type: [item] }) items: T[];
    @ApiProperty({ example: 1 }) page: number;
    @ApiProperty({ example: 20 }) pageSize: number;
    @ApiProperty({ example: 42, description: 'Items matching the filters, over all pages.' }) total: number;
  }
  return PageOfItems;
}
