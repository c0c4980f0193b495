import { Foundation1763800000000 } from './1763800000000-foundation';
import { Applications1763900000000 } from './1763900000000-applications';
import { AuditAlways1764000000000 } from './1764000000000-audit-always';
import { Decisions1764100000000 } from './1764100000000-decisions';
import { Payments1764200000000 } from './1764200000000-payments';
import { Retraining1764300000000 } from './1764300000000-retraining';
import { ActualHours1764400000000 } from './1764400000000-actual-hours';
import { PortalSessions1764500000000 } from './1764500000000-portal-sessions';
import { SepaFileChunks1764600000000 } from './1764600000000-sepa-file-chunks';
import { InformationRequestIndex1764700000000 } from './1764700000000-information-request-index';
import { LoginThrottle1764800000000 } from './1764800000000-login-throttle';
import { EmployerCostsHistory1764900000000 } from './1764900000000-employer-costs-history';
import { BreedOffensief1765100000000 } from './1765100000000-breed-offensief';
import { OutboxRetries1765200000000 } from './1765200000000-outbox-retries';
import { LoginThrottlePerSource1765300000000 } from './1765300000000-login-throttle-per-source';

/** All migrations in order. Listed explicitly so the app, scripts and tests load the same set. */
export const migrations = [
  Foundation1763800000000,
  Applications1763900000000,
  AuditAlways1764000000000,
  Decisions1764100000000,
  Payments1764200000000,
  Retraining1764300000000,
  ActualHours1764400000000,
  PortalSessions1764500000000,
  SepaFileChunks1764600000000,
  InformationRequestIndex1764700000000,
  LoginThrottle1764800000000,
  EmployerCostsHistory1764900000000,
  BreedOffensief1765100000000,
  OutboxRetries1765200000000,
  LoginThrottlePerSource1765300000000,
];
