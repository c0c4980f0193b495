import type { Type } from '@nestjs/common';
import type { Response } from 'express';
import { createValidationPipe } from '../../common/problem/validation';
import { toDutchError, type DutchError } from './messages-nl';
import { CSRF_FIELD } from './portal-metadata';

const pipe = createValidationPipe();

/**
 * Validates form input with the API's own DTO and validation pipe, so a form refuses exactly what
 * the API refuses, with the same reasons (shown in Dutch). Throws InvalidInput like the API.
 */
export async function validateForm<T extends object>(dto: Type<T>, input: object): Promise<T> {
  return (await pipe.transform(input, { type: 'body', metatype: dto })) as T;
}

/** The posted fields as strings, without the CSRF token (to fill the form in again after an error). */
export function formValues(body: unknown): Record<string, string> {
  const values: Record<string, string> = {};
  if (body && typeof body === 'object') {
    for (const [key, value] of Object.entries(body)) {
      if (key !== CSRF_FIELD && typeof value === 'string') values[key] = value;
    }
  }
  return values;
}

/** A text field as the API expects it: trimmed, and absent when left empty. */
export function textField(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

/**
 * A number typed in a form: Dutch decimal comma accepted ("32,5"), empty → absent. Anything that is
 * not a number is passed on as text, so the API's rule reports it ("must be a number …").
 */
export function numberField(value: unknown): number | string | undefined {
  const text = textField(value);
  if (text === undefined) return undefined;
  const normalised = text.replace(/\s/g, '').replace(',', '.');
  return /^-?\d+(\.\d+)?$/.test(normalised) ? Number(normalised) : text;
}

/** A decimal typed in a form for an API field that takes a decimal string ("70,5" → "70.5"). */
export function decimalField(value: unknown): string | undefined {
  const text = textField(value);
  return text === undefined ? undefined : text.replace(/\s/g, '').replace(',', '.');
}

/** A checkbox: checked → true, absent → false. */
export function checkboxField(value: unknown): boolean {
  return value === 'true' || value === 'on';
}

/** Reasons about a value's kind, which for an empty field only mean that it is required. */
const EMPTY_MEANS_REQUIRED = /^must be (a number|a string|an integer|a (valid |calendar )?date|an amount|a percentage|a decimal)/;

function rawReason(error: unknown, field: string): string {
  const params = (error as { invalidParams?: Array<{ name: string; reason: string }> }).invalidParams ?? [];
  return params.find((p) => p.name === field)?.reason ?? '';
}

/**
 * Runs a form's action; on an error a user can cause, renders the form again with the submitted
 * values, a Dutch summary and a message per field (status 4xx). Other errors go to the portal's
 * error page. Returns true when the action succeeded. The page's context may be given as a loader:
 * it is then read only when the form is shown again, not on every successful post.
 */
export async function submitForm(
  res: Response,
  form: {
    template: string;
    context: Record<string, unknown> | (() => Promise<Record<string, unknown>>);
    values: Record<string, string>;
  },
  action: () => Promise<void>,
): Promise<boolean> {
  try {
    await action();
    return true;
  } catch (error) {
    const dutch: DutchError = toDutchError(error);
    if (dutch.status >= 500 || dutch.status === 401 || dutch.status === 404) throw error;
    // A field left empty that needed a value: say so, rather than what shape the value should have.
    for (const field of Object.keys(dutch.fields)) {
      if (!form.values[field]?.trim() && EMPTY_MEANS_REQUIRED.test(rawReason(error, field)))
        dutch.fields[field] = 'Vul dit veld in.';
    }
    const context = typeof form.context === 'function' ? await form.context() : form.context;
    res.status(dutch.status).render(form.template, {
      ...context,
      values: form.values,
      errors: dutch.fields,
      errorMessage: Object.keys(dutch.fields).length ? dutch.message : `${dutch.title}: ${dutch.message}`,
    });
    return false;
  }
}
