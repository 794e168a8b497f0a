/**
 * Addresses people name by their address: a search with suggestions backed by a geocoding service
 * (PDOK Locatieserver, Photon or Nominatim, chosen by configuration, {@link org.polder.address.Addresses}),
 * and the places an organisation saves to use again (also {@link org.polder.address.Addresses}). Typed
 * coordinates stay the fallback when no service answers.
 */
package org.polder.address;
