import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

export const CODE_LISTS = ['job-plan', 'assessment-method'] as const;
export type CodeListName = (typeof CODE_LISTS)[number];

/** An entry of a reference list kept by admins: job plans (banenplannen), wage-value assessment methods. */
@Entity('code_list_item')
export class CodeListItemEntity {
  @PrimaryColumn('text')
  list: CodeListName;

  @PrimaryColumn('text')
  code: string;

  @Column('text')
  name: string;

  @Column('text', { nullable: true })
  category: string | null;

  @Column('boolean')
  active: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
