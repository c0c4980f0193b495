import { ApiProperty } from '@nestjs/swagger';
import { LksParameterSetView, MinimumWagePeriodView } from '../reference-data/reference-data.dto';

export class ImpactMonthView {
  @ApiProperty({ example: '2026-08' }) month: string;
  @ApiProperty({ example: '1088.27', description: 'The amount the issued decisions fixed for this month.' }) decided: string;
  @ApiProperty({ example: '1090.41', description: 'The amount recalculated with the corrected reference data.' })
  recalculated: string;
  @ApiProperty({ example: '2.14' }) difference: string;
  @ApiProperty({
    enum: ['paid', 'in-run', 'open', 'none'],
    description: 'The instalment of the month: paid, on its way in a payment run, open (not yet paid), or none.',
  })
  payment: 'paid' | 'in-run' | 'open' | 'none';
}

export class ImpactedSubsidyView {
  @ApiProperty({ format: 'uuid' }) applicationId: string;
  @ApiProperty({ example: 'AANV-2026-000042' }) applicationNumber: string;
  @ApiProperty({ example: 'LKS-2026-000017', nullable: true, type: String, description: 'The latest issued grant or change.' })
  decisionNumber: string | null;
  @ApiProperty({ format: 'date', nullable: true, type: String, description: 'From when a change decision would apply.' })
  effectiveDate: string | null;
  @ApiProperty({ type: [ImpactMonthView] }) months: ImpactMonthView[];
  @ApiProperty({ example: '8.56', description: 'Sum of the differences of unpaid months (open instalments).' })
  unpaidDifference: string;
  @ApiProperty({
    example: '4.28',
    description: 'Sum of the differences of months paid or on their way: settled by the change decision.',
  })
  paidDifference: string;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'Why this subsidy could not be recalculated (then it has no months).',
  })
  problem: string | null;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'What a caseworker must do besides (months before the latest change decision, a draft waiting).',
  })
  note: string | null;
}

export class CorrectionImpactView {
  @ApiProperty({ example: 12, description: 'Active subsidies looked at.' }) activeSubsidies: number;
  @ApiProperty({
    type: [ImpactedSubsidyView],
    description: 'Active subsidies whose decided amounts differ from the recalculation.',
  })
  subsidies: ImpactedSubsidyView[];
  @ApiProperty({ example: true, description: 'Whether the correction changes the stored reference data at all.' })
  referenceDataChanges: boolean;
  @ApiProperty({
    example: '5d41402abc4b2a76b9719d911017c592aa3f1e5d41402abc4b2a76b9719d911',
    description: 'Send it back to confirm exactly this impact.',
  })
  impactFingerprint: string;
}

export class DraftedChangeView {
  @ApiProperty({ format: 'uuid' }) applicationId: string;
  @ApiProperty() applicationNumber: string;
  @ApiProperty({ enum: ['drafted', 'not-drafted'] }) status: 'drafted' | 'not-drafted';
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) decisionId: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Why no decision was drafted.' }) note: string | null;
}

export class CorrectionResultView extends CorrectionImpactView {
  @ApiProperty({
    type: [DraftedChangeView],
    description:
      'One change decision (wijziging) per impacted subsidy, drafted for four-eyes approval; issuing it recomputes the payments.',
  })
  changeDecisions: DraftedChangeView[];
}

const CHANGE_DECISIONS =
  'Change decisions drafted because the addition changes decided amounts (only when the latest period was open ended); usually empty.';

export class MinimumWagePeriodAddedView extends MinimumWagePeriodView {
  @ApiProperty({ type: [DraftedChangeView], description: CHANGE_DECISIONS }) changeDecisions: DraftedChangeView[];
}

export class LksParameterSetAddedView extends LksParameterSetView {
  @ApiProperty({ type: [DraftedChangeView], description: CHANGE_DECISIONS }) changeDecisions: DraftedChangeView[];
}
