/*
 * The idle warning: the server ends a console session after data-idle-seconds without a request.
 * Shortly before (data-idle-warning-seconds), a dialog counts down and offers to stay signed in
 * (a request to /console/keepalive). The last contact with the server is shared by all tabs
 * (localStorage), so a busy tab keeps the quiet ones from warning.
 */
(function () {
    var body = document.body;
    var idle = Number(body.dataset.idleSeconds);
    var warning = Number(body.dataset.idleWarningSeconds);
    var dialog = document.getElementById('idle-warning');
    if (!idle || !dialog || typeof dialog.showModal !== 'function') {
        return;
    }
    var KEY = 'agent-platform.last-contact';
    function touched() {
        localStorage.setItem(KEY, String(Date.now()));
        if (dialog.open) {
            dialog.close();
        }
    }
    function lastContact() {
        return Number(localStorage.getItem(KEY)) || Date.now();
    }
    touched();
    if (window.jQuery) {
        jQuery(document).on('pfAjaxComplete', touched);
    }
    document.getElementById('idle-stay').addEventListener('click', function () {
        fetch(body.dataset.keepaliveUrl, {credentials: 'same-origin', redirect: 'manual'}).then(function (r) {
            if (r.status === 204) {
                touched();
            } else {
                location.assign(body.dataset.logoutUrl);
            }
        });
    });
    setInterval(function () {
        var left = idle - Math.floor((Date.now() - lastContact()) / 1000);
        if (left <= 0) {
            location.assign(body.dataset.logoutUrl);
        } else if (left <= warning) {
            document.getElementById('idle-countdown').textContent =
                left >= 60 ? Math.ceil(left / 60) + ' min' : left + ' s';
            if (!dialog.open) {
                dialog.showModal();
            }
        } else if (dialog.open) {
            dialog.close();
        }
    }, 1000);
})();
