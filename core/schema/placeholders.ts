/**
 * The registry of placeholder keys. A placeholder stands for what changes between
 * jurisdictions (names, offices, dates, amounts), never for a policy choice.
 * Clause text writes them as {key}; profiles fill them.
 */
export const PLACEHOLDERS = {
  jurisdiction_name: 'Name of the jurisdiction, e.g. "Riverbend"',
  jurisdiction_kind: 'Kind of jurisdiction as written in its own law, e.g. "City", "County", "State"',
  jurisdiction_full_name: 'Formal name, e.g. "City of Riverbend"',
  governing_body: 'The legislative body, e.g. "City Council", "Board of Supervisors", "General Assembly"',
  chief_executive: 'The chief executive, e.g. "Mayor", "County Executive", "Governor"',
  presiding_officer: 'Who signs as presiding officer, e.g. "President of the City Council"',
  clerk: 'The clerk who attests adoption, e.g. "City Clerk"',
  legal_officer: 'The chief legal officer, e.g. "City Attorney", "County Counsel", "Attorney General"',
  chief_law_enforcement_officer: 'The head of the main law enforcement agency, e.g. "Chief of Police", "Sheriff"',
  law_enforcement_agency: 'The main law enforcement agency, e.g. "Riverbend Police Department"',
  corrections_agency: 'The agency that runs the jail, e.g. "County Department of Corrections"',
  probation_agency: 'The agency that supervises probation, e.g. "Adult Probation Department"',
  utility_agency: 'The public utility or transit agency, e.g. "Riverbend Public Utilities"',
  id_program_agency: 'The office that runs a municipal identity card program, e.g. "Office of the City Clerk"',
  oversight_body: 'The independent body that reviews surveillance and audits, e.g. "Privacy Advisory Commission"',
  auditor: 'The auditor, e.g. "City Auditor", "County Auditor", "State Auditor"',
  code_title: 'The code amended, e.g. "Riverbend Municipal Code"',
  code_chapter: 'The chapter this law adds, e.g. "Chapter 2.95"',
  ordinance_number: 'The number the clerk assigns, e.g. "2027-014"',
  effective_date: 'The date the law takes effect, e.g. "January 1, 2027"',
  report_due_date: 'The day each year a report is due, e.g. "March 1"',
  civil_penalty_amount: 'The civil penalty for each violation, e.g. "$10,000"',
  introduced_date: 'The date the law is introduced, e.g. "November 2, 2026"',
} as const;

export type PlaceholderKey = keyof typeof PLACEHOLDERS;
export const PLACEHOLDER_KEYS = Object.keys(PLACEHOLDERS) as PlaceholderKey[];
export function isPlaceholderKey(key: string): key is PlaceholderKey {
  return Object.prototype.hasOwnProperty.call(PLACEHOLDERS, key);
}
