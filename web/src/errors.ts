// The API answers in English (RFC 9457 problems); people read Dutch. These map what the API says to what we say.
import { ApiError, type FieldProblem } from './api';
import { date, euro, hours } from './format';

interface Rule {
  pattern: RegExp;
  text: (m: RegExpMatchArray, e: ApiError) => string;
}

const cents = (s: string) => euro(Number(s));

/** Problems as a whole (the `detail`), most specific first. */
const DETAIL_RULES: Rule[] = [
  // the refusals of extensions and reminders are Dutch already
  { pattern: /^de (verantwoording|termijn) .*/, text: (m) => `${m[0].charAt(0).toUpperCase()}${m[0].slice(1)}. Er is niets gewijzigd.` },
  // the API's own Dutch refusals (removing a document) are shown as they are
  {
    pattern: /^(Documenten kunnen alleen worden verwijderd|Alleen documenten die de gemeente|Het document is intussen gecontroleerd|De aanvraag wordt niet meer opgesteld)/,
    text: (m) => m.input ?? m[0],
  },
  {
    pattern: /^four eyes: the decision/,
    text: () => 'Vier ogen: u heeft dit besluit zelf voorgesteld. Een andere medewerker van het ministerie moet het '
      + 'goedkeuren of terugsturen. Er is niets gewijzigd.',
  },
  {
    pattern: /^four eyes: the settlement/,
    text: () => 'Vier ogen: u heeft deze eindafrekening zelf voorgesteld. Een andere medewerker van het ministerie moet '
      + 'haar goedkeuren of terugsturen. Er is niets gewijzigd.',
  },
  {
    pattern: /exceed the ([\d.]+) free advisory hours/,
    text: (m, e) => {
      const left = Number(e.members.remainingHours ?? 0);
      const cap = hours(Number(m[1]));
      return left > 0
        ? `Deze boeking past niet binnen de ${cap} gratis adviesuren van deze gemeente: er resteren nog ${hours(left)} uur. `
          + `Boek hoogstens ${hours(left)} uur. Het advies zelf kunt u altijd geven.`
        : `De ${cap} gratis adviesuren van deze gemeente zijn op: er kunnen geen uren meer worden geboekt. `
          + 'Het advies zelf kunt u nog wel geven.';
    },
  },
  { pattern: /advisory hours can be logged only while/, text: () => 'Adviesuren boekt u alleen zolang de aanvraag in beoordeling is.' },
  { pattern: /^the application is not complete/, text: () => 'De aanvraag is nog niet compleet. Hieronder staat bij elk onderdeel wat er ontbreekt.' },
  { pattern: /cannot be submitted/, text: () => 'De aanvraag kan in deze status niet (opnieuw) worden ingediend.' },
  { pattern: /cannot be edited/, text: () => 'De aanvraag kan in deze status niet meer worden gewijzigd.' },
  { pattern: /can no longer be withdrawn/, text: () => 'De aanvraag kan in deze status niet meer worden ingetrokken.' },
  { pattern: /changed meanwhile|is at version/, text: () => 'Iemand anders heeft de aanvraag intussen gewijzigd. Laad de pagina opnieuw en breng uw wijziging nogmaals aan.' },
  { pattern: /settlement can be proposed once every/, text: () => 'Een eindafrekening kan pas worden voorgesteld als de verantwoording over elk toegekend jaar is geaccepteerd.' },
  { pattern: /no proposed settlement/, text: () => 'Er is geen voorgestelde eindafrekening (meer) om te behandelen.' },
  { pattern: /no proposed decision/, text: () => 'Er is geen voorgesteld besluit (meer) om te behandelen.' },
  { pattern: /decision can be proposed once the application is advised/, text: () => 'Een besluit kan pas worden voorgesteld als het adviesteam heeft geadviseerd.' },
  { pattern: /advice can be given while the application is in review/, text: () => 'Advies geeft u zolang de aanvraag in beoordeling is.' },
  { pattern: /reports are due once the application is awarded/, text: () => 'Verantwoorden kan pas als de subsidie is toegekend.' },
  { pattern: /^the report on (\d{4}) was submitted already/, text: (m) => `De verantwoording over ${m[1]} is al ingediend.` },
  { pattern: /^the report on (\d{4}) is \w+, not awaiting review/, text: (m) => `De verantwoording over ${m[1]} wacht niet (meer) op beoordeling.` },
  { pattern: /takes no more documents/, text: () => 'In deze status kunnen geen documenten meer worden toegevoegd.' },
  { pattern: /^the application holds (\d+) documents/, text: (m) => `Bij deze aanvraag horen al ${m[1]} documenten, het maximum. Er kunnen geen documenten meer bij.` },
  { pattern: /^(\d+) documents of the application are waiting for their upload/, text: (m) => `Er wachten al ${m[1]} documenten van deze aanvraag op hun upload. Upload die eerst, of wacht tot hun uploadlink na 15 minuten is verlopen.` },
  { pattern: /written advice can be added while/, text: () => 'Een schriftelijk advies voegt u toe zolang de aanvraag in beoordeling is.' },
  { pattern: /^nothing was imported: (\d+) problem/, text: (m) => `Er is niets ingelezen: het bestand bevat ${m[1]} ${m[1] === '1' ? 'fout' : 'fouten'}. Verbeter ze en lees het bestand opnieuw in.` },
  { pattern: /^too many rows/, text: () => 'Het bestand bevat te veel regels.' },
  { pattern: /not valid CSV/, text: () => 'Het bestand is geen geldig CSV-bestand.' },
  { pattern: /^the header must be/, text: () => 'De eerste regel moet de kopregel code,year,amountCents zijn.' },
  { pattern: /^line (\d+) does not have three columns/, text: (m) => `Regel ${m[1]} heeft geen drie kolommen.` },
];

/** Messages about one field, most specific first. */
const FIELD_RULES: Rule[] = [
  { pattern: /^moet na de huidige termijn liggen \((\d{4}-\d{2}-\d{2})\)/, text: (m) => `Kies een datum na de huidige termijn (${date(m[1])}).` },
  { pattern: /^is verplicht: een datum/, text: () => 'Vul een datum in.' },
  { pattern: /^(\d{4}) is geen toegekend jaar/, text: (m) => `${m[1]} is geen toegekend jaar van deze aanvraag.` },
  { pattern: /^is required/, text: () => 'Vul dit in.' },
  { pattern: /^must be at most (\d+) characters/, text: (m) => `Gebruik hoogstens ${m[1]} tekens.` },
  { pattern: /^must not contain control characters/, text: () => 'Gebruik geen onzichtbare stuurtekens.' },
  { pattern: /^choose one of VINDEN, VERSTERKEN/, text: () => 'Kies een aandachtspunt.' },
  { pattern: /^choose one of VINDEN_MANTELZORGERS/, text: () => 'Kies een thema.' },
  { pattern: /^choose (one of|ACCEPT or REJECT)/, text: () => 'Maak een keuze.' },
  { pattern: /^give a budget above zero/, text: () => 'Geef deze activiteit voor ten minste één jaar een budget boven nul.' },
  { pattern: /^add at least one activity/, text: () => 'Voeg ten minste één activiteit toe.' },
  { pattern: /^no allocation has been set for (\d{4})/, text: (m) => `Voor ${m[1]} zijn nog geen middelen aan uw gemeente toegewezen. Neem contact op met het ministerie.` },
  { pattern: /^requested (\d+) cents exceeds the allocation of (\d+) cents/, text: (m) => `U vraagt ${cents(m[1])}; dat is meer dan de ${cents(m[2])} die voor dit jaar aan uw gemeente is toegewezen.` },
  { pattern: /^upload the plan/, text: () => 'Upload het plan (een document van het soort ‘Plan’).' },
  { pattern: /^must be an e-mail address/, text: () => 'Vul een geldig e-mailadres in, zoals naam@gemeente.nl.' },
  { pattern: /^name at least one year/, text: () => 'Kies ten minste één jaar.' },
  { pattern: /^must be a year from (\d{4}) to (\d{4})/, text: (m) => `Kies een jaar van ${m[1]} tot en met ${m[2]}.` },
  { pattern: /^year (\d{4}) is named twice/, text: (m) => `${m[1]} staat er twee keer in.` },
  { pattern: /^year (\d{4}) is not one of the application's years/, text: (m) => `${m[1]} is geen jaar van deze aanvraag.` },
  { pattern: /^must not be negative/, text: () => 'Een bedrag kan niet negatief zijn.' },
  { pattern: /^must be at most \d+ cents|^must be from 0 to/, text: () => 'Dit bedrag is te hoog.' },
  { pattern: /^must be a whole number of cents/, text: () => 'Vul een bedrag in hele centen in.' },
  { pattern: /^must be a positive multiple of 0.25/, text: () => 'Vul een aantal uren boven nul in, in kwartieren (zoals 1,25).' },
  { pattern: /^one entry is at most ([\d.]+) hours/, text: (m) => `Eén boeking is hoogstens ${hours(Number(m[1]))} uur.` },
  { pattern: /^must not lie in the future/, text: () => 'De datum mag niet in de toekomst liggen.' },
  { pattern: /^must lie in the programme period, from (\d{4})/, text: (m) => `De datum moet in de looptijd van de regeling liggen (vanaf ${m[1]}).` },
  { pattern: /^must be a date/, text: () => 'Vul een geldige datum in.' },
  { pattern: /^unknown municipality code '(.*)'/, text: (m) => `Onbekende gemeentecode ‘${m[1]}’.` },
  { pattern: /^(GM\d{4}) (\d{4}) appears more than once/, text: (m) => `${m[1]} staat voor ${m[2]} meer dan één keer in het bestand.` },
  { pattern: /^the file has no rows/, text: () => 'Het bestand bevat geen regels.' },
  { pattern: /^at most (\d+) rows/, text: (m) => `Hoogstens ${m[1]} regels per bestand.` },
  { pattern: /^found (.*)/, text: (m) => `De kopregel moet code,year,amountCents zijn; gevonden: ${m[1]}.` },
  { pattern: /^expected code,year,amountCents/, text: () => 'Deze regel heeft geen drie kolommen (code,year,amountCents).' },
  { pattern: /^exceeds the (\d+) cents requested/, text: (m) => `Hoger dan het gevraagde bedrag (${cents(m[1])}).` },
  { pattern: /^exceeds what is left of the allocation: (-?\d+) cents/, text: (m) => `Hoger dan wat er nog over is van de toegewezen middelen voor dit jaar (${cents(m[1])}).` },
  { pattern: /^an award gives an amount above zero/, text: () => 'Ken voor ten minste één jaar een bedrag boven nul toe.' },
  { pattern: /^a rejection awards nothing/, text: () => 'Bij een afwijzing wordt geen bedrag toegekend.' },
  { pattern: /^(\d{4}) is not an awarded year/, text: (m) => `Voor ${m[1]} is niets toegekend.` },
  { pattern: /^the report on (\d{4}) can be submitted from/, text: (m) => `De verantwoording over ${m[1]} kan vanaf 1 januari ${m[1]} worden ingediend.` },
  { pattern: /^must name an uploaded document of kind REPORT/, text: () => 'Het bijgevoegde document is (nog) niet beschikbaar.' },
  { pattern: /^must name an uploaded document of kind ADVICE/, text: () => 'Het adviesdocument is (nog) niet beschikbaar.' },
  { pattern: /^allowed are pdf/, text: () => 'Toegestaan zijn pdf, docx, xlsx, odt, ods, csv, png en jpeg.' },
  { pattern: /^the extension does not match/, text: () => 'De extensie van het bestand past niet bij het soort bestand.' },
  { pattern: /^must be at most 20 MiB/, text: () => 'Een bestand is hoogstens 20 MB.' },
  { pattern: /^must be above zero/, text: () => 'Het bestand is leeg.' },
  { pattern: /^is not a known field|^must be (a string|a number|a whole number|an array|an object|a JSON object)|^is out of range/, text: () => 'Deze waarde heeft niet de goede vorm.' },
];

function apply(rules: Rule[], text: string, e: ApiError): string | null {
  for (const rule of rules) {
    const m = text.match(rule.pattern);
    if (m) return rule.text(m, e);
  }
  return null;
}

const BY_STATUS: Record<number, string> = {
  0: 'De server is niet bereikbaar. Controleer uw verbinding en probeer het opnieuw.',
  400: 'Het verzoek kon niet worden verwerkt.',
  401: 'U bent niet (meer) ingelogd. Log opnieuw in.',
  403: 'U heeft geen toestemming voor deze handeling.',
  404: 'Niet gevonden. Het bestaat niet (meer) of hoort niet bij uw organisatie.',
  409: 'Dit kan nu niet: de aanvraag heeft intussen een andere status. Laad de pagina opnieuw.',
  412: 'Iemand anders heeft de aanvraag intussen gewijzigd. Laad de pagina opnieuw en breng uw wijziging nogmaals aan.',
  413: 'Het verzoek is te groot.',
  415: 'Dit soort inhoud wordt niet geaccepteerd.',
  422: 'Niet alles is goed ingevuld. Hieronder staat wat er ontbreekt of niet klopt.',
  428: 'De aanvraag kon niet veilig worden opgeslagen. Laad de pagina opnieuw.',
  504: 'Het document is nog niet gecontroleerd. Probeer het over een moment opnieuw.',
};

/** One Dutch sentence (or two) for a failed request. */
export function message(error: unknown): string {
  if (!(error instanceof ApiError)) {
    return 'Er ging iets mis. Probeer het opnieuw.';
  }
  if (error.detail === 'upload') return 'Het bestand kon niet worden geüpload. Probeer het opnieuw.';
  if (error.detail === 'document rejected') {
    const reason = error.members.rejectionReason;
    return typeof reason === 'string' && reason ? `Het bestand is geweigerd. ${reason}` : 'Het bestand is geweigerd: het soort of de grootte klopt niet met wat is aangemeld.';
  }
  return apply(DETAIL_RULES, error.detail, error)
    ?? BY_STATUS[error.status]
    ?? 'Er ging iets mis aan onze kant. Probeer het later opnieuw.';
}

/** The Dutch message for one field problem. */
export function fieldMessage(problem: FieldProblem, error: ApiError): string {
  return apply(FIELD_RULES, problem.message, error) ?? 'Deze waarde klopt niet.';
}

/** Field problems keyed by the API's field path (`activities[0].budgetCents`), in Dutch. */
export function fieldErrors(error: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (error instanceof ApiError) {
    for (const p of error.errors) {
      const text = fieldMessage(p, error);
      out[p.field] = out[p.field] ? `${out[p.field]} ${text}` : text;
    }
  }
  return out;
}
