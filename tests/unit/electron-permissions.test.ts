import { describe, expect, it } from 'vitest';
import { decidePermission, devicePermissionHandler, permissionCheckHandler, permissionRequestHandler } from '../../electron/permissions';

const PERMISSIONS = [
  'clipboard-read',
  'clipboard-sanitized-write',
  'display-capture',
  'fullscreen',
  'geolocation',
  'idle-detection',
  'media',
  'mediaKeySystem',
  'midi',
  'midiSysex',
  'notifications',
  'pointerLock',
  'keyboardLock',
  'openExternal',
  'speaker-selection',
  'storage-access',
  'top-level-storage-access',
  'window-management',
  'unknown',
  'fileSystem',
  'hid',
  'serial',
  'usb',
];

describe('electron/permissions', () => {
  it.each(PERMISSIONS)('denies %s, even to the app itself', (permission) => {
    expect(decidePermission(permission, 'app://ordwright/index.html')).toBe(false);
    let granted: boolean | undefined;
    permissionRequestHandler({}, permission, (g) => (granted = g), { requestingUrl: 'app://ordwright/index.html' });
    expect(granted).toBe(false);
    expect(permissionCheckHandler({}, permission, 'app://ordwright')).toBe(false);
  });

  it('denies device access', () => {
    expect(devicePermissionHandler()).toBe(false);
  });
});
