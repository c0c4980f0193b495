import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ReferenceDataService } from '../reference-data/reference-data.service';
import { calculateLks, type LksInput, type LksResult } from './domain';

/**
 * The one entry point to the LKS rule for the rest of the product: it supplies the reference data
 * valid in the database to the pure calculation, so every screen, decision and payment agrees.
 */
@Injectable()
export class LksCalculationService {
  constructor(private readonly referenceData: ReferenceDataService) {}

  /** Pass the EntityManager when calling inside a transaction. */
  async calculate(input: LksInput, m?: EntityManager): Promise<LksResult> {
    return calculateLks(input, await this.referenceData.preparedCalculationReferenceData(m));
  }
}
