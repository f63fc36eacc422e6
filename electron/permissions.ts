/**
 * Permission policy: the app needs no permission a web page can ask for (camera,
 * microphone, geolocation, notifications, clipboard reads, MIDI, HID, serial...), so
 * every request and every check is denied. Clipboard writes for copy/cut go through
 * the native Edit menu roles, which need no permission.
 */

export function decidePermission(_permission: string, _requestingUrl?: string): boolean {
  return false;
}

/** session.setPermissionRequestHandler */
export function permissionRequestHandler(
  _webContents: unknown,
  permission: string,
  callback: (granted: boolean) => void,
  details?: { requestingUrl?: string },
): void {
  callback(decidePermission(permission, details?.requestingUrl));
}

/** session.setPermissionCheckHandler */
export function permissionCheckHandler(_webContents: unknown, permission: string, requestingOrigin?: string): boolean {
  return decidePermission(permission, requestingOrigin);
}

/** session.setDevicePermissionHandler (HID, serial, USB) */
export function devicePermissionHandler(): boolean {
  return false;
}
