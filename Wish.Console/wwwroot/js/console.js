// Small browser helpers the console calls through IJSRuntime.
window.wishConsole = {
    load: key => window.localStorage.getItem(key),
    save: (key, value) => window.localStorage.setItem(key, value),
    remove: key => window.localStorage.removeItem(key),
    // Saves a file the API answered (an export, a template) under the name it gave.
    download: (name, contentType, base64) => {
        const bytes = Uint8Array.from(atob(base64), c => c.charCodeAt(0));
        const url = URL.createObjectURL(new Blob([bytes], { type: contentType }));
        const a = document.createElement("a");
        a.href = url; a.download = name; document.body.appendChild(a); a.click(); a.remove();
        setTimeout(() => URL.revokeObjectURL(url), 1000);
    },
    print: () => window.print(),
};
