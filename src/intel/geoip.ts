// IP geolocation from geoip-lite's bundled GeoLite data (loaded once, looked up in memory).
import geoip from 'geoip-lite';

export interface IpLocation {
  country: string;
  region: string | null;
  city: string | null;
  timezone: string | null;
  latitude: number | null;
  longitude: number | null;
  accuracyRadiusKm: number | null;
}

export function locateIp(ip: string): IpLocation | null {
  const hit = geoip.lookup(ip);
  if (!hit || !hit.country) return null;
  const [latitude, longitude] = hit.ll ?? [];
  return {
    country: hit.country,
    region: hit.region || null,
    city: hit.city || null,
    timezone: hit.timezone || null,
    latitude: latitude ?? null,
    longitude: longitude ?? null,
    accuracyRadiusKm: (hit as { area?: number }).area ?? null,
  };
}
