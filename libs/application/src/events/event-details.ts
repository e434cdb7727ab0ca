import { domainError, err, ok, type Result } from '@aquastream/domain';
import type { AppError } from '../errors.js';
import type { EventDetails, EventLocation } from '../ports/event-repository.port.js';

/** The descriptive fields of `POST /events` (DESIGN §4), which no domain rule reads. */
export type EventDetailsInput = {
  readonly description?: string | null;
  readonly shortDescription?: string | null;
  readonly categoryId?: string | null;
  readonly location?: EventLocationInput | null;
  readonly imageUrl?: string | null;
  readonly featured?: boolean;
};

export type EventLocationInput = {
  readonly name: string;
  readonly address?: string | null;
  readonly latitude?: number | null;
  readonly longitude?: number | null;
};

export const DETAIL_LIMITS = {
  descriptionMaxLength: 20_000,
  shortDescriptionMaxLength: 500,
  locationNameMaxLength: 200,
  addressMaxLength: 500,
  imageUrlMaxLength: 2048,
  optionDescriptionMaxLength: 1000,
} as const;

const invalid = (field: string, detail: string): AppError => domainError('INVALID_EVENT', detail, { field });

const HTTP_URL = /^https?:\/\/[^\s/?#]+[^\s]*$/i;

/** Trimmed text, blank as null, at most `max` characters. */
export function optionalText(value: string | null | undefined, field: string, max: number): Result<string | null, AppError> {
  if (value === null || value === undefined) return ok(null);
  const text = value.trim();
  if (text === '') return ok(null);
  if (text.length > max) return err(invalid(field, `${field} must be at most ${max} characters`));
  return ok(text);
}

function location(input: EventLocationInput | null | undefined): Result<EventLocation | null, AppError> {
  if (input === null || input === undefined) return ok(null);
  const name = optionalText(input.name, 'location.name', DETAIL_LIMITS.locationNameMaxLength);
  if (!name.ok) return name;
  if (name.value === null) return err(invalid('location.name', 'a location needs a name'));
  const address = optionalText(input.address, 'location.address', DETAIL_LIMITS.addressMaxLength);
  if (!address.ok) return address;
  const latitude = input.latitude ?? null;
  const longitude = input.longitude ?? null;
  if ((latitude === null) !== (longitude === null)) {
    return err(invalid(latitude === null ? 'location.latitude' : 'location.longitude', 'give both coordinates or neither'));
  }
  if (latitude !== null && !(Number.isFinite(latitude) && latitude >= -90 && latitude <= 90)) {
    return err(invalid('location.latitude', 'latitude is a number from -90 to 90'));
  }
  if (longitude !== null && !(Number.isFinite(longitude) && longitude >= -180 && longitude <= 180)) {
    return err(invalid('location.longitude', 'longitude is a number from -180 to 180'));
  }
  return ok({ name: name.value, address: address.value, latitude, longitude });
}

function imageUrl(value: string | null | undefined): Result<string | null, AppError> {
  const url = optionalText(value, 'imageUrl', DETAIL_LIMITS.imageUrlMaxLength);
  if (!url.ok || url.value === null) return url;
  return HTTP_URL.test(url.value) ? url : err(invalid('imageUrl', 'imageUrl must be an http(s) URL'));
}

/**
 * Applies the given fields over `base` (absent = unchanged, null = cleared) and validates them. Option descriptions
 * are handled with the options. Which fields differ is reported for the `event.updated` message.
 */
export function applyDetails(
  base: EventDetails,
  input: EventDetailsInput,
): Result<{ readonly details: EventDetails; readonly changed: readonly string[] }, AppError> {
  const description =
    input.description === undefined ? ok(base.description) : optionalText(input.description, 'description', DETAIL_LIMITS.descriptionMaxLength);
  if (!description.ok) return description;
  const shortDescription =
    input.shortDescription === undefined
      ? ok(base.shortDescription)
      : optionalText(input.shortDescription, 'shortDescription', DETAIL_LIMITS.shortDescriptionMaxLength);
  if (!shortDescription.ok) return shortDescription;
  const loc = input.location === undefined ? ok(base.location) : location(input.location);
  if (!loc.ok) return loc;
  const image = input.imageUrl === undefined ? ok(base.imageUrl) : imageUrl(input.imageUrl);
  if (!image.ok) return image;
  const details: EventDetails = {
    ...base,
    description: description.value,
    shortDescription: shortDescription.value,
    categoryId: input.categoryId === undefined ? base.categoryId : input.categoryId,
    location: loc.value,
    imageUrl: image.value,
    featured: input.featured ?? base.featured,
  };
  const changed: string[] = [];
  for (const key of ['description', 'shortDescription', 'categoryId', 'imageUrl', 'featured'] as const) {
    if (details[key] !== base[key]) changed.push(key);
  }
  if (JSON.stringify(details.location) !== JSON.stringify(base.location)) changed.push('location');
  return ok({ details, changed });
}

export const EMPTY_DETAILS: EventDetails = {
  description: null,
  shortDescription: null,
  categoryId: null,
  location: null,
  imageUrl: null,
  featured: false,
  priceOptionDescriptions: {},
};
