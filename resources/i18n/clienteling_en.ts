<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB" sourcelanguage="en">
<context>
    <name>AboutDialog</name>
    <message>
        <source>About Clienteling</source>
        <translation>About Clienteling</translation>
    </message>
    <message>
        <source>Clienteling {0}</source>
        <translation>Clienteling {0}</translation>
    </message>
    <message>
        <source>Technical details (for IT support)</source>
        <translation>Technical details (for IT support)</translation>
    </message>
    <message>
        <source>Check again</source>
        <translation>Check again</translation>
    </message>
    <message>
        <source>Save support bundle…</source>
        <translation>Save support bundle…</translation>
    </message>
    <message>
        <source>Checking the server, keyring and local data…</source>
        <translation>Checking the server, keyring and local data…</translation>
    </message>
    <message>
        <source>The diagnostics could not be collected: {0}</source>
        <translation>The diagnostics could not be collected: {0}</translation>
    </message>
    <message>
        <source>The server answers ({0} ms).</source>
        <translation>The server answers ({0} ms).</translation>
    </message>
    <message>
        <source>No server is configured yet: enrol this tablet.</source>
        <translation>No server is configured yet: enrol this tablet.</translation>
    </message>
    <message>
        <source>The server cannot be reached: check the network connection. Your edits are kept on this tablet and will be sent later.</source>
        <translation>The server cannot be reached: check the network connection. Your edits are kept on this tablet and will be sent later.</translation>
    </message>
    <message>
        <source>The server did not answer in time: it may be down or blocked.</source>
        <translation>The server did not answer in time: it may be down or blocked.</translation>
    </message>
    <message>
        <source>The server&apos;s certificate is not trusted: IT may need to configure a CA bundle.</source>
        <translation>The server&apos;s certificate is not trusted: IT may need to configure a CA bundle.</translation>
    </message>
    <message>
        <source>The configured address does not answer like our server.</source>
        <translation>The configured address does not answer like our server.</translation>
    </message>
    <message>
        <source>The configuration has an error; see the details.</source>
        <translation>The configuration has an error; see the details.</translation>
    </message>
    <message>
        <source>Device token store: {0}.</source>
        <translation>Device token store: {0}.</translation>
    </message>
    <message>
        <source>No secure keyring is available; see the details.</source>
        <translation>No secure keyring is available; see the details.</translation>
    </message>
    <message>
        <source>Local data: {0} MB, last sync {1}, {2} edits waiting.</source>
        <translation>Local data: {0} MB, last sync {1}, {2} edits waiting.</translation>
    </message>
    <message>
        <source>never</source>
        <translation>never</translation>
    </message>
    <message>
        <source>No local data yet.</source>
        <translation>No local data yet.</translation>
    </message>
    <message>
        <source>Save support bundle</source>
        <translation>Save support bundle</translation>
    </message>
    <message>
        <source>Zip files (*.zip)</source>
        <translation>Zip files (*.zip)</translation>
    </message>
    <message>
        <source>The support bundle could not be saved: {0}</source>
        <translation>The support bundle could not be saved: {0}</translation>
    </message>
    <message>
        <source>Support bundle saved to {0}. It contains no customer data.</source>
        <translation>Support bundle saved to {0}. It contains no customer data.</translation>
    </message>
</context>
<context>
    <name>CreateCustomerDialog</name>
    <message>
        <source>same phone</source>
        <translation>same phone</translation>
    </message>
    <message>
        <source>same e-mail</source>
        <translation>same e-mail</translation>
    </message>
    <message>
        <source>same phone or e-mail</source>
        <translation>same phone or e-mail</translation>
    </message>
    <message>
        <source>same name</source>
        <translation>same name</translation>
    </message>
    <message>
        <source>similar name</source>
        <translation>similar name</translation>
    </message>
    <message>
        <source>New customer</source>
        <translation>New customer</translation>
    </message>
    <message>
        <source>First name</source>
        <translation>First name</translation>
    </message>
    <message>
        <source>Last names</source>
        <translation>Last names</translation>
    </message>
    <message>
        <source>Mobile phone</source>
        <translation>Mobile phone</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Language</translation>
    </message>
    <message>
        <source>Open her instead</source>
        <translation>Open her instead</translation>
    </message>
    <message>
        <source>{0}, {1} — open her instead?</source>
        <translation>{0}, {1} — open her instead?</translation>
    </message>
</context>
<context>
    <name>CustomerView</name>
    <message>
        <source>In her abandoned web cart</source>
        <translation>In her abandoned web cart</translation>
    </message>
    <message>
        <source>Often bought with {0}</source>
        <translation>Often bought with {0}</translation>
    </message>
    <message>
        <source>Popular with customers</source>
        <translation>Popular with customers</translation>
    </message>
    <message>
        <source>Popular with {0} customers</source>
        <translation>Popular with {0} customers</translation>
    </message>
    <message>
        <source>{0} here{1}</source>
        <translation>{0} here{1}</translation>
    </message>
    <message>
        <source>none nearby</source>
        <translation>none nearby</translation>
    </message>
    <message>
        <source>{0} points to {1}</source>
        <translation>{0} points to {1}</translation>
    </message>
    <message>
        <source>Top tier</source>
        <translation>Top tier</translation>
    </message>
    <message>
        <source>not computed yet</source>
        <translation>not computed yet</translation>
    </message>
    <message>
        <source>Points: {0} · Lifetime value: {1} · Predicted 12 months: {2}</source>
        <translation>Points: {0} · Lifetime value: {1} · Predicted 12 months: {2}</translation>
    </message>
    <message>
        <source>Orders: {0} · Channels: {1} · Segment: {2}</source>
        <translation>Orders: {0} · Channels: {1} · Segment: {2}</translation>
    </message>
    <message>
        <source>Prefers: {0} · Consents: {1}</source>
        <translation>Prefers: {0} · Consents: {1}</translation>
    </message>
    <message>
        <source>Sizes: {0} · {1}</source>
        <translation>Sizes: {0} · {1}</translation>
    </message>
    <message>
        <source>no preferences noted</source>
        <translation>no preferences noted</translation>
    </message>
    <message>
        <source>Card {0}</source>
        <translation>Card {0}</translation>
    </message>
    <message>
        <source>Home store: {0}</source>
        <translation>Home store: {0}</translation>
    </message>
    <message>
        <source>Abandoned</source>
        <translation>Abandoned</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Channel</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Size</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>Price</translation>
    </message>
    <message>
        <source>Stock here</source>
        <translation>Stock here</translation>
    </message>
    <message>
        <source>Nearest store</source>
        <translation>Nearest store</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>Product</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Why</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>Offer</source>
        <translation>Offer</translation>
    </message>
    <message>
        <source>Valid until</source>
        <translation>Valid until</translation>
    </message>
    <message>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <source>When</source>
        <translation>When</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>Points</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>Sync</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>Task</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <source>← Back to search</source>
        <translation>← Back to search</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>Timeline</translation>
    </message>
    <message>
        <source>Carts</source>
        <translation>Carts</translation>
    </message>
    <message>
        <source>Recommendations</source>
        <translation>Recommendations</translation>
    </message>
    <message>
        <source>Loyalty &amp; coupons</source>
        <translation>Loyalty &amp; coupons</translation>
    </message>
    <message>
        <source>Notes &amp; tasks</source>
        <translation>Notes &amp; tasks</translation>
    </message>
    <message>
        <source>Consents &amp; contact</source>
        <translation>Consents &amp; contact</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Show</translation>
    </message>
    <message>
        <source>All channels</source>
        <translation>All channels</translation>
    </message>
    <message>
        <source>Everything</source>
        <translation>Everything</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>Orders</translation>
    </message>
    <message>
        <source>Returns</source>
        <translation>Returns</translation>
    </message>
    <message>
        <source>Messages, surveys, visits</source>
        <translation>Messages, surveys, visits</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>Create a call task for this cart</source>
        <translation>Create a call task for this cart</translation>
    </message>
    <message>
        <source>Redeem selected coupon</source>
        <translation>Redeem selected coupon</translation>
    </message>
    <message>
        <source>Redeem points</source>
        <translation>Redeem points</translation>
    </message>
    <message>
        <source>Coupons</source>
        <translation>Coupons</translation>
    </message>
    <message>
        <source>Points ledger</source>
        <translation>Points ledger</translation>
    </message>
    <message>
        <source>Notes and interactions</source>
        <translation>Notes and interactions</translation>
    </message>
    <message>
        <source>Follow-up tasks</source>
        <translation>Follow-up tasks</translation>
    </message>
    <message>
        <source>Write a note for your colleagues…</source>
        <translation>Write a note for your colleagues…</translation>
    </message>
    <message>
        <source>Add note</source>
        <translation>Add note</translation>
    </message>
    <message>
        <source>What to do</source>
        <translation>What to do</translation>
    </message>
    <message>
        <source>Create task</source>
        <translation>Create task</translation>
    </message>
    <message>
        <source>Outcome of the selected task</source>
        <translation>Outcome of the selected task</translation>
    </message>
    <message>
        <source>Mark done</source>
        <translation>Mark done</translation>
    </message>
    <message>
        <source>What happened</source>
        <translation>What happened</translation>
    </message>
    <message>
        <source>Log interaction</source>
        <translation>Log interaction</translation>
    </message>
    <message>
        <source>Marketing consent (GDPR)</source>
        <translation>Marketing consent (GDPR)</translation>
    </message>
    <message>
        <source>Contact and preferences</source>
        <translation>Contact and preferences</translation>
    </message>
    <message>
        <source>{0}: may contact</source>
        <translation>{0}: may contact</translation>
    </message>
    <message>
        <source>Send via {0}</source>
        <translation>Send via {0}</translation>
    </message>
    <message>
        <source>No preference</source>
        <translation>No preference</translation>
    </message>
    <message>
        <source>Preferred channel</source>
        <translation>Preferred channel</translation>
    </message>
    <message>
        <source>Preferences</source>
        <translation>Preferences</translation>
    </message>
    <message>
        <source>Add phone</source>
        <translation>Add phone</translation>
    </message>
    <message>
        <source>Add e-mail</source>
        <translation>Add e-mail</translation>
    </message>
    <message>
        <source>Save contact details</source>
        <translation>Save contact details</translation>
    </message>
    <message>
        <source>No abandoned carts.</source>
        <translation>No abandoned carts.</translation>
    </message>
    <message>
        <source>No recommendations for her yet: they appear after the server&apos;s next analytics run.</source>
        <translation>No recommendations for her yet: they appear after the server&apos;s next analytics run.</translation>
    </message>
    <message>
        <source>She has not consented to messages by this channel.</source>
        <translation>She has not consented to messages by this channel.</translation>
    </message>
    <message>
        <source>never asked</source>
        <translation>never asked</translation>
    </message>
    <message>
        <source>granted</source>
        <translation>granted</translation>
    </message>
    <message>
        <source>withdrawn</source>
        <translation>withdrawn</translation>
    </message>
    <message>
        <source>{0} on {1} ({2})</source>
        <translation>{0} on {1} ({2})</translation>
    </message>
    <message>
        <source>Redeemed here — pending sync</source>
        <translation>Redeemed here — pending sync</translation>
    </message>
    <message>
        <source>Used on {0}</source>
        <translation>Used on {0}</translation>
    </message>
    <message>
        <source>Available</source>
        <translation>Available</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>Expired</translation>
    </message>
    <message>
        <source>The coupon redemption was refused by the server</source>
        <translation>The coupon redemption was refused by the server</translation>
    </message>
    <message>
        <source>The points redemption was refused by the server</source>
        <translation>The points redemption was refused by the server</translation>
    </message>
    <message>
        <source>An edit was refused by the server</source>
        <translation>An edit was refused by the server</translation>
    </message>
    <message>
        <source>it had already been used on another device or channel</source>
        <translation>it had already been used on another device or channel</translation>
    </message>
    <message>
        <source>Nothing was charged twice; tell the customer before checkout.</source>
        <translation>Nothing was charged twice; tell the customer before checkout.</translation>
    </message>
    <message>
        <source>Coupon {0} redeemed. It is confirmed at the next sync.</source>
        <translation>Coupon {0} redeemed. It is confirmed at the next sync.</translation>
    </message>
    <message>
        <source>Redeemed in store</source>
        <translation>Redeemed in store</translation>
    </message>
    <message>
        <source>{0} points redeemed.</source>
        <translation>{0} points redeemed.</translation>
    </message>
    <message>
        <source>Note added.</source>
        <translation>Note added.</translation>
    </message>
    <message>
        <source>Task created.</source>
        <translation>Task created.</translation>
    </message>
    <message>
        <source>Call about her cart: {0}</source>
        <translation>Call about her cart: {0}</translation>
    </message>
    <message>
        <source>Task marked done.</source>
        <translation>Task marked done.</translation>
    </message>
    <message>
        <source>Interaction logged.</source>
        <translation>Interaction logged.</translation>
    </message>
    <message>
        <source>Consent recorded.</source>
        <translation>Consent recorded.</translation>
    </message>
    <message>
        <source>Personal message from the store</source>
        <translation>Personal message from the store</translation>
    </message>
    <message>
        <source>Message queued for sending.</source>
        <translation>Message queued for sending.</translation>
    </message>
    <message>
        <source>Contact details saved.</source>
        <translation>Contact details saved.</translation>
    </message>
</context>
<context>
    <name>EnrolDialog</name>
    <message>
        <source>Set up this tablet</source>
        <translation>Set up this tablet</translation>
    </message>
    <message>
        <source>A store manager signs in once to register this tablet for the store.</source>
        <translation>A store manager signs in once to register this tablet for the store.</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>Server address</translation>
    </message>
    <message>
        <source>Store code</source>
        <translation>Store code</translation>
    </message>
    <message>
        <source>Manager user</source>
        <translation>Manager user</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Password</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <source>Store</source>
        <translation>Store</translation>
    </message>
    <message>
        <source>Web</source>
        <translation>Web</translation>
    </message>
    <message>
        <source>App</source>
        <translation>App</translation>
    </message>
    <message>
        <source>Marketplace</source>
        <translation>Marketplace</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>SMS</source>
        <translation>SMS</translation>
    </message>
    <message>
        <source>WhatsApp</source>
        <translation>WhatsApp</translation>
    </message>
    <message>
        <source>Push</source>
        <translation>Push</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>Bronze</source>
        <translation>Bronze</translation>
    </message>
    <message>
        <source>Silver</source>
        <translation>Silver</translation>
    </message>
    <message>
        <source>Gold</source>
        <translation>Gold</translation>
    </message>
    <message>
        <source>Platinum</source>
        <translation>Platinum</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>Order</translation>
    </message>
    <message>
        <source>Click &amp; collect</source>
        <translation>Click &amp; collect</translation>
    </message>
    <message>
        <source>Return</source>
        <translation>Return</translation>
    </message>
    <message>
        <source>Abandoned cart</source>
        <translation>Abandoned cart</translation>
    </message>
    <message>
        <source>Open cart</source>
        <translation>Open cart</translation>
    </message>
    <message>
        <source>Cart bought</source>
        <translation>Cart bought</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>E-mail sent</source>
        <translation>E-mail sent</translation>
    </message>
    <message>
        <source>E-mail opened</source>
        <translation>E-mail opened</translation>
    </message>
    <message>
        <source>E-mail clicked</source>
        <translation>E-mail clicked</translation>
    </message>
    <message>
        <source>SMS sent</source>
        <translation>SMS sent</translation>
    </message>
    <message>
        <source>SMS opened</source>
        <translation>SMS opened</translation>
    </message>
    <message>
        <source>Push sent</source>
        <translation>Push sent</translation>
    </message>
    <message>
        <source>Push opened</source>
        <translation>Push opened</translation>
    </message>
    <message>
        <source>WhatsApp sent</source>
        <translation>WhatsApp sent</translation>
    </message>
    <message>
        <source>Call</source>
        <translation>Call</translation>
    </message>
    <message>
        <source>Survey</source>
        <translation>Survey</translation>
    </message>
    <message>
        <source>Support ticket</source>
        <translation>Support ticket</translation>
    </message>
    <message>
        <source>Store visit</source>
        <translation>Store visit</translation>
    </message>
    <message>
        <source>Event invitation</source>
        <translation>Event invitation</translation>
    </message>
    <message>
        <source>Event attended</source>
        <translation>Event attended</translation>
    </message>
    <message>
        <source>Product viewed</source>
        <translation>Product viewed</translation>
    </message>
    <message>
        <source>In-store chat</source>
        <translation>In-store chat</translation>
    </message>
    <message>
        <source>Call about cart</source>
        <translation>Call about cart</translation>
    </message>
    <message>
        <source>Birthday</source>
        <translation>Birthday</translation>
    </message>
    <message>
        <source>VIP invitation</source>
        <translation>VIP invitation</translation>
    </message>
    <message>
        <source>Follow-up</source>
        <translation>Follow-up</translation>
    </message>
    <message>
        <source>Reservation</source>
        <translation>Reservation</translation>
    </message>
    <message>
        <source>Tops</source>
        <translation>Tops</translation>
    </message>
    <message>
        <source>Trousers</source>
        <translation>Trousers</translation>
    </message>
    <message>
        <source>Shoes</source>
        <translation>Shoes</translation>
    </message>
    <message>
        <source>completed</source>
        <translation>completed</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>cancelled</translation>
    </message>
    <message>
        <source>returned</source>
        <translation>returned</translation>
    </message>
    <message>
        <source>abandoned</source>
        <translation>abandoned</translation>
    </message>
    <message>
        <source>open</source>
        <translation>open</translation>
    </message>
    <message>
        <source>bought</source>
        <translation>bought</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Cancelled</translation>
    </message>
    <message>
        <source>Tier</source>
        <translation>Tier</translation>
    </message>
    <message>
        <source>Campaign</source>
        <translation>Campaign</translation>
    </message>
    <message>
        <source>Pending sync</source>
        <translation>Pending sync</translation>
    </message>
</context>
<context>
    <name>Launch</name>
    <message>
        <source>The server cannot be reached and you have not signed in on this tablet before. Try again when it is online.</source>
        <translation>The server cannot be reached and you have not signed in on this tablet before. Try again when it is online.</translation>
    </message>
    <message>
        <source>Sign-in refused: {0}</source>
        <translation>Sign-in refused: {0}</translation>
    </message>
    <message>
        <source>Preparing the demo store…</source>
        <translation>Preparing the demo store…</translation>
    </message>
    <message>
        <source>The demo could not start; see the log for details.</source>
        <translation>The demo could not start; see the log for details.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Clienteling — {0}</source>
        <translation>Clienteling — {0}</translation>
    </message>
    <message>
        <source>Clienteling</source>
        <translation>Clienteling</translation>
    </message>
    <message>
        <source>Search: name, phone, e-mail or scan the card (Ctrl+F)</source>
        <translation>Search: name, phone, e-mail or scan the card (Ctrl+F)</translation>
    </message>
    <message>
        <source>My day</source>
        <translation>My day</translation>
    </message>
    <message>
        <source>{0} · {1}</source>
        <translation>{0} · {1}</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Language</translation>
    </message>
    <message>
        <source>About and diagnostics</source>
        <translation>About and diagnostics</translation>
    </message>
</context>
<context>
    <name>MyDayView</name>
    <message>
        <source>Due</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Customer</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>Task</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <source>Tier</source>
        <translation>Tier</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Value</translation>
    </message>
    <message>
        <source>Last purchase</source>
        <translation>Last purchase</translation>
    </message>
    <message>
        <source>Abandoned</source>
        <translation>Abandoned</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Channel</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>My day</source>
        <translation>My day</translation>
    </message>
    <message>
        <source>My tasks: due today and overdue ({0})</source>
        <translation>My tasks: due today and overdue ({0})</translation>
    </message>
    <message>
        <source>Birthdays today ({0})</source>
        <translation>Birthdays today ({0})</translation>
    </message>
    <message>
        <source>VIP customers of the store ({0})</source>
        <translation>VIP customers of the store ({0})</translation>
    </message>
    <message>
        <source>Carts abandoned in the last 7 days ({0})</source>
        <translation>Carts abandoned in the last 7 days ({0})</translation>
    </message>
</context>
<context>
    <name>SearchModel</name>
    <message>
        <source>other store</source>
        <translation>other store</translation>
    </message>
</context>
<context>
    <name>SearchView</name>
    <message>
        <source>Customers</source>
        <translation>Customers</translation>
    </message>
    <message>
        <source>New customer</source>
        <translation>New customer</translation>
    </message>
    <message>
        <source>Type a name, phone, e-mail or scan a loyalty card to find a customer.</source>
        <translation>Type a name, phone, e-mail or scan a loyalty card to find a customer.</translation>
    </message>
    <message>
        <source>No customer matches “{0}”. Check the spelling or create her.</source>
        <translation>No customer matches “{0}”. Check the spelling or create her.</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <source>Sign in</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <source>Store {0}: sign in to continue.</source>
        <translation>Store {0}: sign in to continue.</translation>
    </message>
    <message>
        <source>User</source>
        <translation>User</translation>
    </message>
    <message>
        <source>Password or PIN</source>
        <translation>Password or PIN</translation>
    </message>
</context>
<context>
    <name>SyncStatusBar</name>
    <message>
        <source>Cannot reach the server. Your edits are kept on this tablet and will be sent when the connection is back.</source>
        <translation>Cannot reach the server. Your edits are kept on this tablet and will be sent when the connection is back.</translation>
    </message>
    <message>
        <source>Sync problem: {0}</source>
        <translation>Sync problem: {0}</translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation>Syncing…</translation>
    </message>
    <message>
        <source>Offline — working from this tablet</source>
        <translation>Offline — working from this tablet</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>Online</translation>
    </message>
    <message>
        <source>Not synced yet</source>
        <translation>Not synced yet</translation>
    </message>
    <message>
        <source>Last sync: {0}</source>
        <translation>Last sync: {0}</translation>
    </message>
    <message numerus="yes">
        <source>%n edit(s) waiting to sync</source>
        <translation>
            <numerusform>%n edit waiting to sync</numerusform>
            <numerusform>%n edits waiting to sync</numerusform>
        </translation>
    </message>
    <message>
        <source>All edits synced</source>
        <translation>All edits synced</translation>
    </message>
    <message numerus="yes">
        <source>%n edit(s) refused by the server — OK</source>
        <translation>
            <numerusform>%n edit refused by the server — OK</numerusform>
            <numerusform>%n edits refused by the server — OK</numerusform>
        </translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>Sync now</translation>
    </message>
</context>
<context>
    <name>TimelineModel</name>
    <message>
        <source>When</source>
        <translation>When</translation>
    </message>
    <message>
        <source>What</source>
        <translation>What</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Channel</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Amount</translation>
    </message>
</context>
</TS>
