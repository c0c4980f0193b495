import { DomainError, type InvalidParam } from '../../common/errors/domain-errors';
import { toProblem } from '../../common/problem/problem-details.filter';
import { dutchDate } from './format';

/**
 * Dutch text for the errors the API's services and validation rules produce. The portals run the
 * same rules as the API (same DTOs, same services), so a form shows the API's reason, in Dutch.
 * Each entry matches an English reason; `$1`… insert the captured values.
 */
const REASONS: Array<[RegExp, string]> = [
  [/^is required$/, 'Vul dit veld in.'],
  [/^must state the reason in 5 to 2000 characters$/, 'Geef de reden van de correctie (5 tot 2000 tekens).'],
  [/^must be the impactFingerprint of a preview$/, 'Bekijk eerst wat de correctie verandert.'],
  [
    /^does not match the impact as it is now: preview the correction again$/,
    'Er is intussen iets veranderd. Bekijk opnieuw wat de correctie verandert.',
  ],
  [/^must be a whole number from 1$/, 'Kies een geldige waarde.'],
  [
    /^is required: the addition changes decided amounts of running subsidies$/,
    'Deze nieuwe periode verandert besloten bedragen van lopende subsidies. Bekijk eerst de gevolgen.',
  ],
  [/^is not a known field$/, 'Dit veld is onbekend.'],
  [/^must be an email address$/, 'Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl.'],
  [/^must be a phone number$/, 'Vul een geldig telefoonnummer in.'],
  [/^must be a Dutch postal code like (.+)$/, 'Vul een postcode in zoals $1.'],
  [/^must be a UUID$/, 'Kies een geldige waarde.'],
  [/^must be true or false$/, 'Kies ja of nee.'],
  [
    /^must be (?:a |a valid )?(?:calendar )?date(?: as)? YYYY-MM-DD(?: or null)?$/,
    'Vul een geldige datum in (dag, maand en jaar).',
  ],
  [/^must be a month like (.+)$/, 'Vul een maand in zoals $1.'],
  [/^must not be in the future$/, 'Deze datum mag niet in de toekomst liggen.'],
  [/^must be more than 0$/, 'Vul een getal groter dan 0 in.'],
  [/^must be at least (\d+(?:[.,]\d+)?)$/, 'Vul minimaal $1 in.'],
  [/^must not be more than (\d+(?:[.,]\d+)?)$/, 'Vul maximaal $1 in.'],
  [/^must be less than (\d+)$/, 'Vul minder dan $1 in.'],
  [/^must be a number with at most (\d+) decimals$/, 'Vul een getal in met hoogstens $1 cijfers achter de komma.'],
  [
    /^must be a number above 0 and at most 40, with at most 2 decimals$/,
    'Vul een aantal uren in van meer dan 0 tot en met 40, met hoogstens 2 decimalen.',
  ],
  [/^must be a whole number of months from 1 to 120$/, 'Vul een heel aantal maanden in, van 1 tot en met 120.'],
  [/^must be a whole number of years$/, 'Vul een heel aantal jaren in.'],
  [/^must be a percentage like (\S+) or (\S+)$/, 'Vul een percentage in, zoals $1.'],
  [
    /^must be a percentage from 0 to 100 with at most 2 decimals$/,
    'Vul een percentage in van 0 tot en met 100, met hoogstens 2 decimalen.',
  ],
  [
    /^must be a percentage above 0 and below 1000, with at most 2 decimals$/,
    'Vul een percentage in groter dan 0, met hoogstens 2 decimalen.',
  ],
  [/^must be an amount in euros (?:with two decimals, )?like (\S+)$/, 'Vul een bedrag in euro in, zoals $1.'],
  [
    /^must be a decimal amount above 0 and below 1000 with at most 2 decimals$/,
    'Vul een bedrag in groter dan 0 en kleiner dan 1000, met hoogstens 2 decimalen.',
  ],
  [/^must be 12 to 200 characters$/, 'Gebruik 12 tot 200 tekens.'],
  [/^must be 1 to 200 visible ASCII characters$/, 'Gebruik 1 tot 200 gewone tekens (letters, cijfers, leestekens).'],
  [/^must be a job-plan code(?: like \S+)?$/, 'Kies een geldig banenplan.'],
  [/^must be an assessment-method code like \S+$/, 'Kies een geldige methode van loonwaardebepaling.'],
  [/^must be lower-case kebab-case, like (\S+)$/, 'Gebruik kleine letters en streepjes, zoals $1.'],
  [/^must be the student number \(letters, digits, -\)$/, 'Vul een studentnummer in (letters, cijfers en streepjes).'],
  [
    /^must be a participant number like (\S+), or give bsn and dateOfBirth instead$/,
    'Vul een deelnemernummer in zoals $1, of het BSN met de geboortedatum.',
  ],
  [/^(?:each value )?must be (\d+) digits$/, 'Vul $1 cijfers in.'],
  [/^(?:each value )?must not be all zeros$/, 'Dit nummer bestaat niet (alleen nullen).'],
  [
    /^(?:fiscal number )?(?:must not be all zeros|fails the elfproef \(11-test\))$/,
    'Dit nummer klopt niet (het voldoet niet aan de elfproef). Controleer het nummer.',
  ],
  [/^sub-number must be between 01 and 99$/, 'Het volgnummer moet tussen 01 en 99 liggen.'],
  [
    /^(?:must be a country code, 2 check digits.*|a Dutch IBAN must be .*|has an unknown country code|has the wrong length for its country|does not match the account format of its country|fails the national account checksum|fails the mod-97 check)$/,
    'Dit IBAN klopt niet. Controleer het rekeningnummer, zoals NL91 ABNA 0417 1643 00.',
  ],
  [/^must be 8 or 11 characters: 4-letter bank code.*$/, 'Deze BIC klopt niet (8 of 11 tekens).'],
  [/^must be 2 digits followed by 2 uppercase letters.*$/, 'Vul een BRIN-code in: 2 cijfers en 2 hoofdletters, zoals 25LJ.'],
  [/^is invalid$/, 'Deze waarde is niet geldig.'],
  [/^must not contain NUL characters$/, 'Dit veld bevat een ongeldig teken.'],
  [/^has a key with a NUL character$/, 'Het formulier bevat een ongeldig teken.'],
  [/^must be an object$/, 'Deze waarde is niet geldig.'],
  [/^must be valid Unicode text$/, 'Dit veld bevat een ongeldig teken.'],
  [/^has a key that is not valid Unicode text$/, 'Het formulier bevat een ongeldig teken.'],
  [/^must be an event id$/, 'Kies een geldige gebeurtenis.'],
  [/^is required with entityId$/, 'Kies ook het soort gegeven.'],
  [/^is only for the trail of one entity; use (page|pageSize)$/, 'Deze waarde hoort alleen bij het verloop van één gegeven.'],
  [/^must be a date-time with an offset$/, 'Vul een geldig tijdstip in.'],
  [/^must be after from$/, 'Deze datum moet na de begindatum liggen.'],
  [/^is already registered$/, 'Dit is al geregistreerd.'],
  [/^is already in use$/, 'Dit is al in gebruik.'],
  [/^already registered as (\S+)$/, 'Deze persoon is al geregistreerd als $1.'],
  [/^appears twice$/, 'Deze waarde komt twee keer voor.'],
  [/^must not be before contractStart(?: \((.+)\))?$/, 'Deze datum mag niet vóór de ingangsdatum van het contract liggen.'],
  [/^must be on or after the contract start (\S+)$/, 'Deze datum moet op of na de ingangsdatum van het contract ($1) liggen.'],
  [/^must not be before (\w+)$/, 'Deze datum ligt te vroeg.'],
  [/^must be before (\w+)$/, 'Deze datum ligt te laat.'],
  [/^must be after (\w+)$/, 'Deze datum ligt te vroeg.'],
  [/^must be on or after (?:the start )?(\S+)$/, 'Deze datum moet op of na $1 liggen.'],
  [/^must be between (\S+) and (\S+)$/, 'Deze datum moet tussen $1 en $2 liggen.'],
  [/^must not be more than fullTimeHoursPerWeek$/, 'Dit mag niet meer zijn dan de uren van een volledige werkweek.'],
  [/^is required unless flatRate is true$/, 'Vul dit in, of kies voor de forfaitaire loonwaarde.'],
  [/^is required with the flat rate: .*$/, 'Vul dit in: de forfaitaire periode telt vanaf de ingangsdatum van het contract.'],
  [/^at least one assessment is needed.*$/, 'Er is ten minste één loonwaardebepaling nodig.'],
  [/^the calculated subsidy is 0$/, 'De berekende subsidie is € 0: er valt niets toe te kennen.'],
  [
    /^the period may cover at most (\d+) months, so it must end on or before (\S+)$/,
    'De periode mag hoogstens $1 maanden duren en moet dus uiterlijk op $2 eindigen.',
  ],
  [/^the application is (\S+)$/, 'De aanvraag heeft de status $1.'],
  [/^needs an application in status .*$/, 'De aanvraag heeft niet de juiste status voor dit besluit.'],
  [/^draft decision \S+ exists$/, 'Er is al een conceptbesluit voor deze aanvraag.'],
  [/^does not match the proposed outcome$/, 'Dit past niet bij de voorgestelde uitkomst.'],
  [/^has no issued grant$/, 'Er is geen verleningsbesluit afgegeven.'],
  [
    /^must be an issued decision of the same type for this application$/,
    'Kies een afgegeven besluit van hetzelfde soort voor deze aanvraag.',
  ],
  [/^a settlement was already issued$/, 'Er is al een vaststellingsbesluit afgegeven.'],
  [/^has open recovery items$/, 'Er staan nog terugvorderingen open.'],
  [/^the subsidy period has not ended yet$/, 'De subsidieperiode is nog niet afgelopen.'],
  [/^give new hours, a new contract end, or both$/, 'Vul nieuwe uren in, een nieuwe einddatum van het contract, of allebei.'],
  [/^give either employerId or scheduleId, not both$/, 'Kies een werkgever of een betaalschema, niet allebei.'],
  [/^the term has already ended$/, 'De beslistermijn is al verstreken.'],
  [/^the term was already extended$/, 'De beslistermijn is al eerder verlengd.'],
  [/^already used for another request$/, 'Deze sleutel is al voor een ander verzoek gebruikt.'],
  [/^must be today \((\S+)\) or later$/, 'De betaaldatum mag niet in het verleden liggen: kies vandaag ($1) of later.'],
  [
    /^must be at most (\d+) days ahead, on or before (\S+)$/,
    'De betaaldatum mag hoogstens $1 dagen vooruit liggen: kies uiterlijk $2.',
  ],
  [/^no payable items are due$/, 'Er zijn geen betalingen die nu betaald moeten worden.'],
  [/^no transfer (\S+) in run (\S+)$/, 'Betaalronde $2 bevat geen overboeking $1.'],
  [/^a non-empty file is required$/, 'Kies een bestand dat niet leeg is.'],
  [/^unknown (employer|education partner|participant|cohort|issued decision)$/, 'Deze waarde is onbekend.'],
  [/^no matching participant$/, 'Er is geen deelnemer gevonden met deze gegevens.'],
  [/^already has a cohort$/, 'Deze deelnemer zit al in een groep.'],
  [/^already nominated for this cohort$/, 'Deze deelnemer is al voorgedragen voor deze groep.'],
  [/^not a nomination in this cohort$/, 'Dit is geen voordracht in deze groep.'],
  [/^is (\S+), not nominated$/, 'Deze inschrijving heeft de status $1 en is geen open voordracht meer.'],
  [/^programme is inactive$/, 'Deze opleiding wordt niet meer aangeboden.'],
  [/^the cohort has no places left$/, 'Deze groep is vol.'],
  [/^the cohort has only (\d+) places left$/, 'Deze groep heeft nog maar $1 plaatsen.'],
  [/^external roles cannot be combined with other roles$/, 'Een externe rol kan niet met andere rollen worden gecombineerd.'],
  [/^is required for the (employer|education-partner) role$/, 'Dit is verplicht voor deze rol.'],
  [/^is only allowed for the (employer|education-partner) role$/, 'Dit mag alleen bij deze rol.'],
  [
    /^must be (\S+) \(the day after the previous period ends\)$/,
    'Deze datum moet $1 zijn (de dag na het einde van de vorige periode).',
  ],
  [/^overlaps .*$/, 'Deze periode overlapt met een andere periode.'],
  [/^the rate for 21 and older must be 100%$/, 'Het percentage voor 21 jaar en ouder moet 100% zijn.'],
  [/^a (\S+) rate for age (\d+) is missing$/, 'Het bedrag voor leeftijd $2 ontbreekt.'],
  [/^the (\S+) scale has no rate for age (\d+)$/, 'Er is geen bedrag voor leeftijd $2.'],
  [/^duplicate rate for scale (\S+), age (\d+)$/, 'Het bedrag voor leeftijd $2 staat er twee keer in.'],
  [
    /^must be at least (\S+) \(minimum wage for age (\d+), scale (\S+)\)$/,
    'Dit moet minstens € $1 zijn (minimumloon voor leeftijd $2).',
  ],
  [/^must be (\S+) \(\S+% of the adult amount \S+, rounded to the cent\)$/, 'Dit moet € $1 zijn.'],
  [/^each value must be one of .*$/, 'Kies een geldige waarde.'],
  [/^must be one of the following values: .*$/, 'Kies een van de mogelijke waarden.'],
  // An empty form field reaches a required text field as absent.
  [/^must be a string$/, 'Vul dit veld in.'],
  [/^must be shorter than or equal to (\d+) characters$/, 'Gebruik hoogstens $1 tekens.'],
  [/^must be longer than or equal to 1 characters$/, 'Vul dit veld in.'],
  [/^must be longer than or equal to (\d+) characters$/, 'Gebruik minstens $1 tekens.'],
  [/^should not be empty$/, 'Vul dit veld in.'],
  [/^must be an integer number$/, 'Vul een heel getal in.'],
  [/^must be a number conforming to the specified constraints$/, 'Vul een getal in.'],
  [/^must not be less than (\S+)$/, 'Vul minimaal $1 in.'],
  [/^must not be greater than (\S+)$/, 'Vul maximaal $1 in.'],
  [/^must be a boolean value$/, 'Kies ja of nee.'],
  // Breed offensief (Participatiewet art. 10d): application window, target group, no measurement
  [
    /^the application must be submitted before the employment starts on (\S+); the last day was (\S+)$/,
    'De aanvraag moest vóór de start van het dienstverband ($1) binnen zijn. De laatste dag om aan te vragen was $2.',
  ],
  [
    /^the application must be submitted within (\d+) months after the employment started on (\S+); the last day was (\S+)$/,
    'De aanvraag moest binnen $1 maanden na de start van het dienstverband ($2) binnen zijn. De laatste dag om aan te vragen was $3.',
  ],
  [
    /^must be recorded before a grant is proposed$/,
    'Leg eerst vast waarom de kandidaat bij de doelgroep loonkostensubsidie hoort (doelgroepregister of praktijkroute).',
  ],
  [/^is not used with basis (\S+)$/, 'Dit veld hoort niet bij deze grondslag; laat het leeg.'],
  [
    /^the decision that no measurement is needed was already recorded$/,
    'Het besluit dat de loonwaarde niet gemeten hoeft te worden, is al vastgelegd.',
  ],
  [/^the wage value has already been measured$/, 'De loonwaarde is voor deze aanvraag al gemeten.'],
  // Employer portal (src/portal/employer)
  [/^unknown job-plan '.*'$/, 'Kies een banenplan uit de lijst.'],
  [/^job-plan '.*' is no longer active$/, 'Dit banenplan wordt niet meer gebruikt. Kies een ander banenplan.'],
  [/^must be a PDF, JPEG or PNG file$/, 'Kies een PDF-, JPEG- of PNG-bestand. Andere soorten bestanden nemen wij niet aan.'],
  // Education partner portal and reference-data pages (src/portal/partner, src/portal/backoffice/reference-data)
  [/^select at least one nomination$/, 'Kies ten minste één voordracht om te bevestigen.'],
  [/^a cohort starts on this date$/, 'Op deze datum begint al een groep van deze opleiding.'],
  // Backoffice payment runs and holds (src/portal/backoffice/payments)
  [/^choose the reason the bank gave$/, 'Kies de reden die de bank voor de afwijzing geeft.'],
  [/^choose an employer or a schedule$/, 'Kies een werkgever of een betaalschema.'],
  [
    /^this form was already sent$/,
    'Met dit formulier is al een betaalronde gemaakt (zie de lijst). Wilt u nog een betaalronde maken? Verstuur het formulier dan opnieuw.',
  ],
  // A code that is not (or no longer) on its code list, e.g. an assessment method.
  [/^unknown [a-z-]+ '.*'$/, 'Kies een waarde uit de lijst.'],
  [/^[a-z-]+ '.*' is no longer active$/, 'Deze waarde wordt niet meer gebruikt; kies een andere.'],
];

/** Values inside a Dutch sentence in Dutch notation: dates as "1 juli 2026", amounts as "€ 11,94". */
function dutchValues(text: string): string {
  return text.replace(/\b\d{4}-\d{2}-\d{2}\b/g, (iso) => dutchDate(iso)).replace(/(€|zoals) (\d+)\.(\d{1,2})\b/g, '$1 $2,$3');
}

/** The Dutch text for one reason; unknown reasons get a general Dutch sentence, never English. */
export function dutchReason(reason: string): string {
  const text = withoutFieldName(reason);
  for (const [pattern, dutch] of REASONS) {
    const match = pattern.exec(text);
    if (match) return dutchValues(dutch.replace(/\$(\d)/g, (_, i: string) => match[Number(i)] ?? ''));
  }
  return 'Deze waarde is niet geldig.';
}

/** class-validator's own messages start with the field name ("jobTitle must be …"); the form shows the field already. */
function withoutFieldName(reason: string): string {
  return reason.replace(/^[A-Za-z][\w.[\]]* (?=(must|should) )/, '');
}

/** True when a reason has its own Dutch text (used by the test that checks every rule has one). */
export function hasDutchReason(reason: string): boolean {
  const text = withoutFieldName(reason);
  return REASONS.some(([pattern]) => pattern.test(text));
}

export interface DutchError {
  status: number;
  title: string;
  message: string;
  /** Field name (as in the form) → Dutch reason. */
  fields: Record<string, string>;
}

const BY_SLUG: Record<string, { title: string; message: string }> = {
  'invalid-input': { title: 'Niet alle gegevens kloppen', message: 'Controleer de gemarkeerde velden.' },
  'business-rule-violation': { title: 'Dit kan niet', message: 'Het verzoek past niet bij de regels.' },
  'missing-reference-data': {
    title: 'Gegevens ontbreken',
    message: 'Het minimumloon of de subsidieregels voor deze periode zijn nog niet vastgelegd. Neem contact op met de gemeente.',
  },
  'not-found': { title: 'Niet gevonden', message: 'Deze pagina of dit gegeven bestaat niet, of u heeft er geen toegang toe.' },
  'illegal-transition': { title: 'Dit kan nu niet', message: 'De status staat deze actie niet (meer) toe. Ververs de pagina.' },
  conflict: {
    title: 'Al gewijzigd of dubbel',
    message: 'Iemand anders heeft dit intussen gewijzigd, of het bestaat al. Ververs de pagina.',
  },
  'four-eyes-violation': {
    title: 'Vier-ogenprincipe',
    message: 'Een tweede medewerker moet deze stap zetten: u kunt uw eigen werk niet goedkeuren.',
  },
  forbidden: { title: 'Geen toegang', message: 'U heeft geen toegang tot deze pagina of actie.' },
  unauthenticated: { title: 'Niet ingelogd', message: 'Log opnieuw in.' },
  'precondition-failed': { title: 'Al gewijzigd', message: 'Iemand anders heeft dit intussen gewijzigd. Ververs de pagina.' },
  'too-many-attempts': {
    title: 'Te veel pogingen',
    message: 'Er is te vaak een verkeerd wachtwoord gebruikt. Wacht even en probeer het dan opnieuw.',
  },
  'service-unavailable': {
    title: 'Even niet beschikbaar',
    message: 'De dienst is even niet beschikbaar. Probeer het over een minuut opnieuw.',
  },
};

/** The login page's text while login attempts are slowed down (after wrong passwords), with how long to wait. */
export function tooManyLoginsNl(retryAfterSeconds: number): string {
  const wait =
    retryAfterSeconds < 120
      ? `${retryAfterSeconds} ${retryAfterSeconds === 1 ? 'seconde' : 'seconden'}`
      : retryAfterSeconds < 2 * 3600
        ? `${Math.ceil(retryAfterSeconds / 60)} minuten`
        : `${Math.ceil(retryAfterSeconds / 3600)} uur`;
  return `Er is te vaak een verkeerd wachtwoord gebruikt. Probeer het over ${wait} opnieuw.`;
}

const STATUS_SLUGS: Record<number, string> = {
  400: 'invalid-input',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not-found',
  409: 'conflict',
  412: 'precondition-failed',
  422: 'business-rule-violation',
  503: 'service-unavailable',
};

/** Field-level reasons in Dutch, first reason per field. */
export function dutchFields(params: InvalidParam[] | undefined): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const p of params ?? []) fields[p.name] ??= dutchReason(p.reason);
  return fields;
}

/** Any error thrown by a service or by Nest, as a Dutch title and message with field reasons. */
export function toDutchError(error: unknown): DutchError {
  if (error instanceof DomainError) {
    const text = BY_SLUG[error.slug] ?? { title: 'Dit kan niet', message: 'Het verzoek kon niet worden uitgevoerd.' };
    const fields = dutchFields(error.invalidParams);
    // A rule violation without field reasons: the specific reason is in the message, if we know it.
    const reason = !error.invalidParams?.length && hasDutchReason(error.message) ? dutchReason(error.message) : null;
    return { status: error.status, title: text.title, message: reason ?? text.message, fields };
  }
  // Nest's own errors and database races: the same status the API would answer.
  const status = toProblem(error).status;
  const slug = STATUS_SLUGS[status];
  if (slug) return { status, ...BY_SLUG[slug], fields: {} };
  if (status === 413) return { status, title: 'Te groot', message: 'Het bestand of formulier is te groot.', fields: {} };
  if (status < 500) return { status, title: 'Dit kan niet', message: 'Het verzoek kon niet worden uitgevoerd.', fields: {} };
  return {
    status: 500,
    title: 'Er ging iets mis',
    message: 'Er ging bij ons iets mis. Probeer het later opnieuw; blijft het misgaan, neem dan contact op met de gemeente.',
    fields: {},
  };
}
