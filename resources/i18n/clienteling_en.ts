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
        <source>The server address uses plain http://, which would send passwords and customer data unencrypted: the app refuses it. Use its https:// address.</source>
        <translation>The server address uses plain http://, which would send passwords and customer data unencrypted: the app refuses it. Use its https:// address.</translation>
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
    <name>AssignDialog</name>
    <message>
        <source>Introduce yourself as her personal assistant</source>
        <translation>Introduce yourself as her personal assistant</translation>
    </message>
    <message>
        <source>Assign to an assistant</source>
        <translation>Assign to an assistant</translation>
    </message>
    <message>
        <source>{0} customers will get this assistant, and she will find a follow-up task for each on her “My day”.</source>
        <translation>{0} customers will get this assistant, and she will find a follow-up task for each on her “My day”.</translation>
    </message>
    <message>
        <source>Assistant</source>
        <translation>Assistant</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>Task</translation>
    </message>
    <message>
        <source>Due in (days)</source>
        <translation>Due in (days)</translation>
    </message>
    <message>
        <source>This store has no assistant to assign to.</source>
        <translation>This store has no assistant to assign to.</translation>
    </message>
    <message>
        <source>Select at least one customer.</source>
        <translation>Select at least one customer.</translation>
    </message>
    <message>
        <source>Assigning…</source>
        <translation>Assigning…</translation>
    </message>
    <message>
        <source> {0} were assigned before the error.</source>
        <translation> {0} were assigned before the error.</translation>
    </message>
    <message>
        <source>Not assigned: {0}</source>
        <translation>Not assigned: {0}</translation>
    </message>
</context>
<context>
    <name>AuditView</name>
    <message>
        <source>Opened her record (online look-up)</source>
        <translation>Opened her record (online look-up)</translation>
    </message>
    <message>
        <source>Opened her record on a tablet</source>
        <translation>Opened her record on a tablet</translation>
    </message>
    <message>
        <source>Searched customers on the server</source>
        <translation>Searched customers on the server</translation>
    </message>
    <message>
        <source>Looked up a customer of another store</source>
        <translation>Looked up a customer of another store</translation>
    </message>
    <message>
        <source>Looked up a card, e-mail or phone: not found</source>
        <translation>Looked up a card, e-mail or phone: not found</translation>
    </message>
    <message>
        <source>Look-up refused: hourly limit reached</source>
        <translation>Look-up refused: hourly limit reached</translation>
    </message>
    <message>
        <source>Exported a customer list</source>
        <translation>Exported a customer list</translation>
    </message>
    <message>
        <source>Exported her data (GDPR)</source>
        <translation>Exported her data (GDPR)</translation>
    </message>
    <message>
        <source>Erased a customer (GDPR)</source>
        <translation>Erased a customer (GDPR)</translation>
    </message>
    <message>
        <source>Erased for inactivity (retention)</source>
        <translation>Erased for inactivity (retention)</translation>
    </message>
    <message>
        <source>Assigned to an assistant</source>
        <translation>Assigned to an assistant</translation>
    </message>
    <message>
        <source>Signed in</source>
        <translation>Signed in</translation>
    </message>
    <message>
        <source>Enrolled a tablet</source>
        <translation>Enrolled a tablet</translation>
    </message>
    <message>
        <source>Revoked a tablet</source>
        <translation>Revoked a tablet</translation>
    </message>
    <message>
        <source>Created a staff account</source>
        <translation>Created a staff account</translation>
    </message>
    <message>
        <source>Deactivated a staff account</source>
        <translation>Deactivated a staff account</translation>
    </message>
    <message>
        <source>Created a campaign</source>
        <translation>Created a campaign</translation>
    </message>
    <message>
        <source>Sent a campaign</source>
        <translation>Sent a campaign</translation>
    </message>
    <message>
        <source>Coupon redeemed online</source>
        <translation>Coupon redeemed online</translation>
    </message>
    <message>
        <source>Merged two records</source>
        <translation>Merged two records</translation>
    </message>
    <message>
        <source>Split a merged record</source>
        <translation>Split a merged record</translation>
    </message>
    <message>
        <source>Unsubscribed by link</source>
        <translation>Unsubscribed by link</translation>
    </message>
    <message>
        <source>Created a customer</source>
        <translation>Created a customer</translation>
    </message>
    <message>
        <source>Changed contact details</source>
        <translation>Changed contact details</translation>
    </message>
    <message>
        <source>Wrote a note</source>
        <translation>Wrote a note</translation>
    </message>
    <message>
        <source>Created or updated a task</source>
        <translation>Created or updated a task</translation>
    </message>
    <message>
        <source>Recorded a consent</source>
        <translation>Recorded a consent</translation>
    </message>
    <message>
        <source>Logged an interaction</source>
        <translation>Logged an interaction</translation>
    </message>
    <message>
        <source>Redeemed a coupon in store</source>
        <translation>Redeemed a coupon in store</translation>
    </message>
    <message>
        <source>Redeemed points in store</source>
        <translation>Redeemed points in store</translation>
    </message>
    <message>
        <source>{0} (tablet)</source>
        <translation>{0} (tablet)</translation>
    </message>
    <message>
        <source>a tablet</source>
        <translation>a tablet</translation>
    </message>
    <message>
        <source>not on this tablet ({0})</source>
        <translation>not on this tablet ({0})</translation>
    </message>
    <message>
        <source>When</source>
        <translation>When</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Who</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Customer</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>Detail</translation>
    </message>
    <message>
        <source>Audit log: who saw or changed customer data</source>
        <translation>Audit log: who saw or changed customer data</translation>
    </message>
    <message>
        <source>Filter by customer (name or id)</source>
        <translation>Filter by customer (name or id)</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>All actions</source>
        <translation>All actions</translation>
    </message>
    <message>
        <source>Every read of a customer&apos;s record</source>
        <translation>Every read of a customer&apos;s record</translation>
    </message>
    <message>
        <source>{0} of {1} customers exported · {2} · {3}</source>
        <translation>{0} of {1} customers exported · {2} · {3}</translation>
    </message>
    <message>
        <source>to {0}</source>
        <translation>to {0}</translation>
    </message>
    <message>
        <source>{0} results</source>
        <translation>{0} results</translation>
    </message>
    <message>
        <source>Only a store manager can see the audit log.</source>
        <translation>Only a store manager can see the audit log.</translation>
    </message>
    <message>
        <source>Retention: {0} customers of this store have had no activity for {1} days (since {2}); the scheduled retention job erases them.</source>
        <translation>Retention: {0} customers of this store have had no activity for {1} days (since {2}); the scheduled retention job erases them.</translation>
    </message>
    <message>
        <source>This tablet could not read its own data: {0}</source>
        <translation>This tablet could not read its own data: {0}</translation>
    </message>
    <message>
        <source>Loading the audit log from the server…</source>
        <translation>Loading the audit log from the server…</translation>
    </message>
    <message>
        <source>No entries loaded yet.</source>
        <translation>No entries loaded yet.</translation>
    </message>
    <message>
        <source>{0} of the latest {1} entries shown.</source>
        <translation>{0} of the latest {1} entries shown.</translation>
    </message>
    <message>
        <source>This customer is not on this tablet: she was erased or is not one of the store&apos;s customers.</source>
        <translation>This customer is not on this tablet: she was erased or is not one of the store&apos;s customers.</translation>
    </message>
</context>
<context>
    <name>CampaignDialog</name>
    <message>
        <source>New private sale</source>
        <translation>New private sale</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>Date and time</source>
        <translation>Date and time</translation>
    </message>
    <message>
        <source>Who is invited</source>
        <translation>Who is invited</translation>
    </message>
    <message>
        <source>VIP customers only</source>
        <translation>VIP customers only</translation>
    </message>
    <message>
        <source>Tiers (none ticked: any)</source>
        <translation>Tiers (none ticked: any)</translation>
    </message>
    <message>
        <source>RFM segments (none ticked: any)</source>
        <translation>RFM segments (none ticked: any)</translation>
    </message>
    <message>
        <source>Minimum lifetime value</source>
        <translation>Minimum lifetime value</translation>
    </message>
    <message>
        <source>Bought in the last (days)</source>
        <translation>Bought in the last (days)</translation>
    </message>
    <message>
        <source>Any</source>
        <translation>Any</translation>
    </message>
    <message>
        <source>Any time</source>
        <translation>Any time</translation>
    </message>
    <message>
        <source>Cannot count this segment now: {0}</source>
        <translation>Cannot count this segment now: {0}</translation>
    </message>
    <message>
        <source>Counting customers…</source>
        <translation>Counting customers…</translation>
    </message>
    <message>
        <source>{0} customers in this segment; {1} can be reached (consented channels: {2}).</source>
        <translation>{0} customers in this segment; {1} can be reached (consented channels: {2}).</translation>
    </message>
    <message>
        <source>The description is too long ({0} characters, at most {1}).</source>
        <translation>The description is too long ({0} characters, at most {1}).</translation>
    </message>
    <message>
        <source>The campaign was not created: {0}</source>
        <translation>The campaign was not created: {0}</translation>
    </message>
</context>
<context>
    <name>CampaignLabels</name>
    <message>
        <source>Draft</source>
        <translation>Draft</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Sent</translation>
    </message>
    <message>
        <source>Invited</source>
        <translation>Invited</translation>
    </message>
    <message>
        <source>Not invited</source>
        <translation>Not invited</translation>
    </message>
    <message>
        <source>No answer</source>
        <translation>No answer</translation>
    </message>
    <message>
        <source>Coming</source>
        <translation>Coming</translation>
    </message>
    <message>
        <source>Not coming</source>
        <translation>Not coming</translation>
    </message>
    <message>
        <source>no marketing consent on any channel</source>
        <translation>no marketing consent on any channel</translation>
    </message>
    <message>
        <source>no address for any consented channel</source>
        <translation>no address for any consented channel</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>No</source>
        <translation>No</translation>
    </message>
</context>
<context>
    <name>CampaignTableModel</name>
    <message>
        <source>Campaign</source>
        <translation>Campaign</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Event</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Segment</source>
        <translation>Segment</translation>
    </message>
    <message>
        <source>Invited</source>
        <translation>Invited</translation>
    </message>
    <message>
        <source>RSVP yes</source>
        <translation>RSVP yes</translation>
    </message>
    <message>
        <source>RSVP no</source>
        <translation>RSVP no</translation>
    </message>
    <message>
        <source>Attended</source>
        <translation>Attended</translation>
    </message>
    <message>
        <source>Event orders</source>
        <translation>Event orders</translation>
    </message>
    <message>
        <source>Event sales</source>
        <translation>Event sales</translation>
    </message>
</context>
<context>
    <name>CampaignsView</name>
    <message>
        <source>Campaigns</source>
        <translation>Campaigns</translation>
    </message>
    <message>
        <source>New private sale</source>
        <translation>New private sale</translation>
    </message>
    <message>
        <source>Send invitations</source>
        <translation>Send invitations</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>Abandoned carts (last {0} days): create call tasks</source>
        <translation>Abandoned carts (last {0} days): create call tasks</translation>
    </message>
    <message>
        <source>She is coming</source>
        <translation>She is coming</translation>
    </message>
    <message>
        <source>She is not coming</source>
        <translation>She is not coming</translation>
    </message>
    <message>
        <source>Results</source>
        <translation>Results</translation>
    </message>
    <message>
        <source>Invitations ({0})</source>
        <translation>Invitations ({0})</translation>
    </message>
    <message>
        <source>Messages ({0})</source>
        <translation>Messages ({0})</translation>
    </message>
    <message>
        <source>No campaigns yet. Start with “New private sale”: choose who is invited and see how many of them can be reached.</source>
        <translation>No campaigns yet. Start with “New private sale”: choose who is invited and see how many of them can be reached.</translation>
    </message>
    <message>
        <source>You signed in while the server was unreachable: sign out and sign in again while online to work with campaigns.</source>
        <translation>You signed in while the server was unreachable: sign out and sign in again while online to work with campaigns.</translation>
    </message>
    <message>
        <source>The server cannot be reached: campaigns need a connection. Nothing was changed; try again when the tablet is back online.</source>
        <translation>The server cannot be reached: campaigns need a connection. Nothing was changed; try again when the tablet is back online.</translation>
    </message>
    <message>
        <source>Only store managers can manage campaigns.</source>
        <translation>Only store managers can manage campaigns.</translation>
    </message>
    <message>
        <source>The campaigns could not be loaded.</source>
        <translation>The campaigns could not be loaded.</translation>
    </message>
    <message>
        <source>Choose a campaign to see its results.</source>
        <translation>Choose a campaign to see its results.</translation>
    </message>
    <message>
        <source>Not sent yet. {0} customers are in the segment today; the invitation list is made when you send the invitations.</source>
        <translation>Not sent yet. {0} customers are in the segment today; the invitation list is made when you send the invitations.</translation>
    </message>
    <message>
        <source>Invited: {0}
Not invited (no consent or no address): {1}
Coming: {2} · not coming: {3}
Attended: {4}
Sales at the event: {5} orders, {6}, from {7} customers</source>
        <translation>Invited: {0}
Not invited (no consent or no address): {1}
Coming: {2} · not coming: {3}
Attended: {4}
Sales at the event: {5} orders, {6}, from {7} customers</translation>
    </message>
    <message>
        <source>The invitation list is made when the invitations are sent.</source>
        <translation>The invitation list is made when the invitations are sent.</translation>
    </message>
    <message>
        <source>The campaign&apos;s details could not be loaded.</source>
        <translation>The campaign&apos;s details could not be loaded.</translation>
    </message>
    <message>
        <source>The answer was not recorded.</source>
        <translation>The answer was not recorded.</translation>
    </message>
    <message>
        <source>Saved for {0}.</source>
        <translation>Saved for {0}.</translation>
    </message>
    <message>
        <source>“{0}” was saved as a draft. Check it, then send the invitations.</source>
        <translation>“{0}” was saved as a draft. Check it, then send the invitations.</translation>
    </message>
    <message>
        <source>The invitations were not sent.</source>
        <translation>The invitations were not sent.</translation>
    </message>
    <message>
        <source>Invitations for “{0}” sent: {1} customers invited ({2}); {3} not invited because they have no marketing consent or no address for it.</source>
        <translation>Invitations for “{0}” sent: {1} customers invited ({2}); {3} not invited because they have no marketing consent or no address for it.</translation>
    </message>
    <message>
        <source>No call tasks were created.</source>
        <translation>No call tasks were created.</translation>
    </message>
    <message>
        <source>{0} call tasks created for carts abandoned in the last {1} days ({2} already had one). They reach the assistants&apos; “My day” with the next sync.</source>
        <translation>{0} call tasks created for carts abandoned in the last {1} days ({2} already had one). They reach the assistants&apos; “My day” with the next sync.</translation>
    </message>
    <message>
        <source>Did not come</source>
        <translation>Did not come</translation>
    </message>
    <message>
        <source>She came</source>
        <translation>She came</translation>
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
    <name>CustomerListModel</name>
    <message>
        <source>At risk</source>
        <translation>At risk</translation>
    </message>
    <message>
        <source>{0} % active</source>
        <translation>{0} % active</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Customer</translation>
    </message>
    <message>
        <source>Tier</source>
        <translation>Tier</translation>
    </message>
    <message>
        <source>Lifetime value</source>
        <translation>Lifetime value</translation>
    </message>
    <message>
        <source>Predicted 12 months</source>
        <translation>Predicted 12 months</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>Orders</translation>
    </message>
    <message>
        <source>Last purchase</source>
        <translation>Last purchase</translation>
    </message>
    <message>
        <source>Churn risk</source>
        <translation>Churn risk</translation>
    </message>
    <message>
        <source>Segment</source>
        <translation>Segment</translation>
    </message>
    <message>
        <source>Assistant</source>
        <translation>Assistant</translation>
    </message>
</context>
<context>
    <name>CustomerListView</name>
    <message>
        <source>All customers of the store</source>
        <translation>All customers of the store</translation>
    </message>
    <message>
        <source>VIP customers</source>
        <translation>VIP customers</translation>
    </message>
    <message>
        <source>VIPs at risk of leaving</source>
        <translation>VIPs at risk of leaving</translation>
    </message>
    <message>
        <source>Birthdays this month</source>
        <translation>Birthdays this month</translation>
    </message>
    <message>
        <source>Carts abandoned in the last 7 days</source>
        <translation>Carts abandoned in the last 7 days</translation>
    </message>
    <message>
        <source>VIPs without an assistant</source>
        <translation>VIPs without an assistant</translation>
    </message>
    <message>
        <source>RFM: {0} ({1})</source>
        <translation>RFM: {0} ({1})</translation>
    </message>
    <message>
        <source>New data arrived with the last sync; the list refreshes when you clear the selection.</source>
        <translation>New data arrived with the last sync; the list refreshes when you clear the selection.</translation>
    </message>
    <message>
        <source>{0} customers in this list</source>
        <translation>{0} customers in this list</translation>
    </message>
    <message>
        <source>This list is empty: nobody to assign.</source>
        <translation>This list is empty: nobody to assign.</translation>
    </message>
    <message>
        <source>{0} customers assigned, {1} follow-up tasks created. They reach the assistant&apos;s tablet with its next sync.</source>
        <translation>{0} customers assigned, {1} follow-up tasks created. They reach the assistant&apos;s tablet with its next sync.</translation>
    </message>
    <message>
        <source>This list is empty: nothing to export.</source>
        <translation>This list is empty: nothing to export.</translation>
    </message>
    <message>
        <source>Conditions…</source>
        <translation>Conditions…</translation>
    </message>
    <message>
        <source>Refine the list by profile, engagement with campaigns and purchases</source>
        <translation>Refine the list by profile, engagement with campaigns and purchases</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>Assign to an assistant…</source>
        <translation>Assign to an assistant…</translation>
    </message>
    <message>
        <source>The selected customers, or the whole list when none is selected</source>
        <translation>The selected customers, or the whole list when none is selected</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Export…</translation>
    </message>
    <message>
        <source>Only customers who consented to the chosen channel and purpose</source>
        <translation>Only customers who consented to the chosen channel and purpose</translation>
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
        <source>Data protection</source>
        <translation>Data protection</translation>
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
        <source>a colleague</source>
        <translation>a colleague</translation>
    </message>
    <message>
        <source>{who} changed “{field}” after you ({when}); their version was kept: “{theirs}”. Yours was: “{mine}” — copy it from here if it still matters.</source>
        <translation>{who} changed “{field}” after you ({when}); their version was kept: “{theirs}”. Yours was: “{mine}” — copy it from here if it still matters.</translation>
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
    <name>EraseDialog</name>
    <message>
        <source>Erase customer</source>
        <translation>Erase customer</translation>
    </message>
    <message>
        <source>Erasing {0} deletes everything held about her — profile, purchases, returns, loyalty points and coupons, consents, notes and tasks — on the server and, at their next sync, on every tablet. It cannot be undone. If she also asked for a copy of her data, export it first.</source>
        <translation>Erasing {0} deletes everything held about her — profile, purchases, returns, loyalty points and coupons, consents, notes and tasks — on the server and, at their next sync, on every tablet. It cannot be undone. If she also asked for a copy of her data, export it first.</translation>
    </message>
    <message>
        <source>To confirm, type her name ({0}) or the word “{1}”:</source>
        <translation>To confirm, type her name ({0}) or the word “{1}”:</translation>
    </message>
    <message>
        <source>Erase for good</source>
        <translation>Erase for good</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>ERASE</source>
        <translation>ERASE</translation>
    </message>
    <message>
        <source>Erasing…</source>
        <translation>Erasing…</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>This customer is not on this tablet.</source>
        <translation>This customer is not on this tablet.</translation>
    </message>
    <message>
        <source>This coupon does not belong to this customer.</source>
        <translation>This coupon does not belong to this customer.</translation>
    </message>
    <message>
        <source>This coupon has already been used.</source>
        <translation>This coupon has already been used.</translation>
    </message>
    <message>
        <source>This coupon has expired.</source>
        <translation>This coupon has expired.</translation>
    </message>
    <message>
        <source>This customer has no loyalty account.</source>
        <translation>This customer has no loyalty account.</translation>
    </message>
    <message>
        <source>Not enough points: the balance is {0}.</source>
        <translation>Not enough points: the balance is {0}.</translation>
    </message>
    <message>
        <source>Not saved: too many characters in “{0}” (at most {1}).</source>
        <translation>Not saved: too many characters in “{0}” (at most {1}).</translation>
    </message>
    <message>
        <source>Not saved: the value of “{0}” is not valid.</source>
        <translation>Not saved: the value of “{0}” is not valid.</translation>
    </message>
    <message>
        <source>Something went wrong and this was not saved. Try again; if it happens again, tell IT support and show them the details.</source>
        <translation>Something went wrong and this was not saved. Try again; if it happens again, tell IT support and show them the details.</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Export the list</source>
        <translation>Export the list</translation>
    </message>
    <message>
        <source>{0} customers in this list. Only those who consented to being contacted by the channel for the purpose you choose are exported; the export is recorded in the audit log.</source>
        <translation>{0} customers in this list. Only those who consented to being contacted by the channel for the purpose you choose are exported; the export is recorded in the audit log.</translation>
    </message>
    <message>
        <source>CSV (text)</source>
        <translation>CSV (text)</translation>
    </message>
    <message>
        <source>Excel workbook (XLSX)</source>
        <translation>Excel workbook (XLSX)</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Channel</translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation>Purpose</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>Format</translation>
    </message>
    <message>
        <source>File</source>
        <translation>File</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Export</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Save the export as</source>
        <translation>Save the export as</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel workbooks (*.xlsx)</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV files (*.csv)</translation>
    </message>
    <message>
        <source>Only a store manager can export customer lists.</source>
        <translation>Only a store manager can export customer lists.</translation>
    </message>
    <message>
        <source>The list is empty: there is nobody to export.</source>
        <translation>The list is empty: there is nobody to export.</translation>
    </message>
    <message>
        <source>A list can have at most {0} customers; narrow it down first.</source>
        <translation>A list can have at most {0} customers; narrow it down first.</translation>
    </message>
    <message>
        <source>Choose the file to save the export to.</source>
        <translation>Choose the file to save the export to.</translation>
    </message>
    <message>
        <source>The folder {0} does not exist.</source>
        <translation>The folder {0} does not exist.</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>Exporting…</translation>
    </message>
    <message>
        <source>The session has ended: sign in again.</source>
        <translation>The session has ended: sign in again.</translation>
    </message>
    <message>
        <source>Customers</source>
        <translation>Customers</translation>
    </message>
    <message>
        <source>The server exported the list, but the file could not be written: {0}</source>
        <translation>The server exported the list, but the file could not be written: {0}</translation>
    </message>
    <message>
        <source>{0} by {1}</source>
        <translation>{0} by {1}</translation>
    </message>
    <message>
        <source>Exported all {0} customers: all of them consented to {1}.</source>
        <translation>Exported all {0} customers: all of them consented to {1}.</translation>
    </message>
    <message>
        <source>Exported {0} of {1} customers; the others have not consented to {2}.</source>
        <translation>Exported {0} of {1} customers; the others have not consented to {2}.</translation>
    </message>
    <message>
        <source>Saved to {0}</source>
        <translation>Saved to {0}</translation>
    </message>
</context>
<context>
    <name>FailureDetails</name>
    <message>
        <source>Hide details</source>
        <translation>Hide details</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Details</translation>
    </message>
</context>
<context>
    <name>GdprPanel</name>
    <message>
        <source>in store</source>
        <translation>in store</translation>
    </message>
    <message>
        <source>web shop</source>
        <translation>web shop</translation>
    </message>
    <message>
        <source>app</source>
        <translation>app</translation>
    </message>
    <message>
        <source>unsubscribe link</source>
        <translation>unsubscribe link</translation>
    </message>
    <message>
        <source>initial import</source>
        <translation>initial import</translation>
    </message>
    <message>
        <source>When</source>
        <translation>When</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Channel</translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation>Purpose</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>Decision</translation>
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
        <source>Who</source>
        <translation>Who</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>Where</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>Sync</translation>
    </message>
    <message>
        <source>Data protection (GDPR)</source>
        <translation>Data protection (GDPR)</translation>
    </message>
    <message>
        <source>Only managers see this. Her data export and her erasure are done on the server and recorded in the audit log.</source>
        <translation>Only managers see this. Her data export and her erasure are done on the server and recorded in the audit log.</translation>
    </message>
    <message>
        <source>Export data (JSON)…</source>
        <translation>Export data (JSON)…</translation>
    </message>
    <message>
        <source>Erase customer…</source>
        <translation>Erase customer…</translation>
    </message>
    <message>
        <source>Consent history</source>
        <translation>Consent history</translation>
    </message>
    <message>
        <source>No consent was ever recorded for her.</source>
        <translation>No consent was ever recorded for her.</translation>
    </message>
    <message>
        <source>Save her data as</source>
        <translation>Save her data as</translation>
    </message>
    <message>
        <source>JSON files (*.json)</source>
        <translation>JSON files (*.json)</translation>
    </message>
    <message>
        <source>Asking the server for her data…</source>
        <translation>Asking the server for her data…</translation>
    </message>
    <message>
        <source>The session has ended: sign in again.</source>
        <translation>The session has ended: sign in again.</translation>
    </message>
    <message>
        <source>The file could not be written: {0}</source>
        <translation>The file could not be written: {0}</translation>
    </message>
    <message>
        <source>Her data ({0} records) was saved to {1}. Give her this file.</source>
        <translation>Her data ({0} records) was saved to {1}. Give her this file.</translation>
    </message>
    <message>
        <source>{0} was erased on the server ({1} records). This tablet removes her at its next sync, which starts now.</source>
        <translation>{0} was erased on the server ({1} records). This tablet removes her at its next sync, which starts now.</translation>
    </message>
</context>
<context>
    <name>InvitationTableModel</name>
    <message>
        <source>Customer</source>
        <translation>Customer</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Channel</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>RSVP</source>
        <translation>RSVP</translation>
    </message>
    <message>
        <source>Attended</source>
        <translation>Attended</translation>
    </message>
    <message>
        <source>Why not</source>
        <translation>Why not</translation>
    </message>
</context>
<context>
    <name>KpiView</name>
    <message>
        <source>Assistant</source>
        <translation>Assistant</translation>
    </message>
    <message>
        <source>Interactions</source>
        <translation>Interactions</translation>
    </message>
    <message>
        <source>Tasks done</source>
        <translation>Tasks done</translation>
    </message>
    <message>
        <source>Orders rung up</source>
        <translation>Orders rung up</translation>
    </message>
    <message>
        <source>Sales rung up</source>
        <translation>Sales rung up</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>Contacts</translation>
    </message>
    <message>
        <source>Converted</source>
        <translation>Converted</translation>
    </message>
    <message>
        <source>Attributed sales</source>
        <translation>Attributed sales</translation>
    </message>
    <message>
        <source>{0}%</source>
        <translation>{0}%</translation>
    </message>
    <message>
        <source>Store KPIs</source>
        <translation>Store KPIs</translation>
    </message>
    <message>
        <source>Period:</source>
        <translation>Period:</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>Last 30 days</translation>
    </message>
    <message>
        <source>Last 90 days</source>
        <translation>Last 90 days</translation>
    </message>
    <message>
        <source>This month</source>
        <translation>This month</translation>
    </message>
    <message>
        <source>Last 12 months</source>
        <translation>Last 12 months</translation>
    </message>
    <message>
        <source>Average order value by channel ({0})</source>
        <translation>Average order value by channel ({0})</translation>
    </message>
    <message>
        <source>Contacts and purchases within {0} days, by kind of contact</source>
        <translation>Contacts and purchases within {0} days, by kind of contact</translation>
    </message>
    <message>
        <source>Abandoned carts</source>
        <translation>Abandoned carts</translation>
    </message>
    <message>
        <source>Lifetime value: omnichannel against single-channel customers</source>
        <translation>Lifetime value: omnichannel against single-channel customers</translation>
    </message>
    <message>
        <source>Activity per assistant</source>
        <translation>Activity per assistant</translation>
    </message>
    <message>
        <source>No data in this period</source>
        <translation>No data in this period</translation>
    </message>
    <message>
        <source>No assistants of this store on this tablet</source>
        <translation>No assistants of this store on this tablet</translation>
    </message>
    <message>
        <source>NPS (would recommend us, −100 to 100)</source>
        <translation>NPS (would recommend us, −100 to 100)</translation>
    </message>
    <message>
        <source>CSAT (satisfaction, 1 to 5)</source>
        <translation>CSAT (satisfaction, 1 to 5)</translation>
    </message>
    <message>
        <source>CES (effort, 1 to 7: lower is easier)</source>
        <translation>CES (effort, 1 to 7: lower is easier)</translation>
    </message>
    <message>
        <source>Outreach → purchase</source>
        <translation>Outreach → purchase</translation>
    </message>
    <message>
        <source>Abandoned carts recovered</source>
        <translation>Abandoned carts recovered</translation>
    </message>
    <message>
        <source>Orders per customer</source>
        <translation>Orders per customer</translation>
    </message>
    <message>
        <source>Customers retained</source>
        <translation>Customers retained</translation>
    </message>
    <message>
        <source>Omnichannel customers</source>
        <translation>Omnichannel customers</translation>
    </message>
    <message>
        <source>{0} to {1}</source>
        <translation>{0} to {1}</translation>
    </message>
    <message>
        <source>Computed on this tablet; it has not synced with the server yet.</source>
        <translation>Computed on this tablet; it has not synced with the server yet.</translation>
    </message>
    <message>
        <source>Offline: computed on this tablet from its data as of the last sync ({0}).</source>
        <translation>Offline: computed on this tablet from its data as of the last sync ({0}).</translation>
    </message>
    <message>
        <source>Computed on this tablet from its data as of the last sync ({0}).</source>
        <translation>Computed on this tablet from its data as of the last sync ({0}).</translation>
    </message>
    <message>
        <source>The figures could not be computed ({0}); the details are in the app&apos;s log.</source>
        <translation>The figures could not be computed ({0}); the details are in the app&apos;s log.</translation>
    </message>
    <message>
        <source>Computing the figures…</source>
        <translation>Computing the figures…</translation>
    </message>
    <message>
        <source>Answers: {0} · promoters {1} · detractors {2}</source>
        <translation>Answers: {0} · promoters {1} · detractors {2}</translation>
    </message>
    <message>
        <source>Satisfied (4–5): {0} · answers: {1}</source>
        <translation>Satisfied (4–5): {0} · answers: {1}</translation>
    </message>
    <message>
        <source>Answers: {0}</source>
        <translation>Answers: {0}</translation>
    </message>
    <message>
        <source>{0} of {1} contacts bought within {2} days · attributed sales {3}</source>
        <translation>{0} of {1} contacts bought within {2} days · attributed sales {3}</translation>
    </message>
    <message>
        <source>{0} of {1} abandoned carts bought later · abandonment {2}</source>
        <translation>{0} of {1} abandoned carts bought later · abandonment {2}</translation>
    </message>
    <message>
        <source>{0} orders by {1} customers</source>
        <translation>{0} orders by {1} customers</translation>
    </message>
    <message>
        <source>{0} of {1} customers of the previous {2} days bought again</source>
        <translation>{0} of {1} customers of the previous {2} days bought again</translation>
    </message>
    <message>
        <source>{0} of {1} customers buy in two or more channels</source>
        <translation>{0} of {1} customers buy in two or more channels</translation>
    </message>
    <message>
        <source>{0} · {1}</source>
        <translation>{0} · {1}</translation>
    </message>
    <message>
        <source>Average order value</source>
        <translation>Average order value</translation>
    </message>
    <message>
        <source>Bars: channel · orders. {0} orders in other currencies are left out.</source>
        <translation>Bars: channel · orders. {0} orders in other currencies are left out.</translation>
    </message>
    <message>
        <source>Bars: channel · orders.</source>
        <translation>Bars: channel · orders.</translation>
    </message>
    <message>
        <source>Bought within {0} days</source>
        <translation>Bought within {0} days</translation>
    </message>
    <message>
        <source>Abandoned</source>
        <translation>Abandoned</translation>
    </message>
    <message>
        <source>Recovered</source>
        <translation>Recovered</translation>
    </message>
    <message>
        <source>Bought without abandoning</source>
        <translation>Bought without abandoning</translation>
    </message>
    <message>
        <source>Carts</source>
        <translation>Carts</translation>
    </message>
    <message>
        <source>Omnichannel · {0}</source>
        <translation>Omnichannel · {0}</translation>
    </message>
    <message>
        <source>Single channel · {0}</source>
        <translation>Single channel · {0}</translation>
    </message>
    <message>
        <source>Average net sales per customer</source>
        <translation>Average net sales per customer</translation>
    </message>
    <message>
        <source>Bars: customers of this store · how many. Net sales after returns over their whole history (nightly analytics), not only this period.</source>
        <translation>Bars: customers of this store · how many. Net sales after returns over their whole history (nightly analytics), not only this period.</translation>
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
        <source>Champions</source>
        <translation>Champions</translation>
    </message>
    <message>
        <source>Loyal</source>
        <translation>Loyal</translation>
    </message>
    <message>
        <source>Potential loyalist</source>
        <translation>Potential loyalist</translation>
    </message>
    <message>
        <source>New</source>
        <translation>New</translation>
    </message>
    <message>
        <source>At risk</source>
        <translation>At risk</translation>
    </message>
    <message>
        <source>Can&apos;t lose them</source>
        <translation>Can&apos;t lose them</translation>
    </message>
    <message>
        <source>Hibernating</source>
        <translation>Hibernating</translation>
    </message>
    <message>
        <source>Lost</source>
        <translation>Lost</translation>
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
        <source>recovered</source>
        <translation>recovered</translation>
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
    <message>
        <source>first name</source>
        <translation>first name</translation>
    </message>
    <message>
        <source>last name</source>
        <translation>last name</translation>
    </message>
    <message>
        <source>birthday</source>
        <translation>birthday</translation>
    </message>
    <message>
        <source>preferred channel</source>
        <translation>preferred channel</translation>
    </message>
    <message>
        <source>language</source>
        <translation>language</translation>
    </message>
    <message>
        <source>sizes</source>
        <translation>sizes</translation>
    </message>
    <message>
        <source>preferences</source>
        <translation>preferences</translation>
    </message>
    <message>
        <source>note text</source>
        <translation>note text</translation>
    </message>
    <message>
        <source>pinned</source>
        <translation>pinned</translation>
    </message>
    <message>
        <source>deleted</source>
        <translation>deleted</translation>
    </message>
    <message>
        <source>task title</source>
        <translation>task title</translation>
    </message>
    <message>
        <source>task details</source>
        <translation>task details</translation>
    </message>
    <message>
        <source>due date</source>
        <translation>due date</translation>
    </message>
    <message>
        <source>task status</source>
        <translation>task status</translation>
    </message>
    <message>
        <source>task outcome</source>
        <translation>task outcome</translation>
    </message>
    <message>
        <source>task kind</source>
        <translation>task kind</translation>
    </message>
    <message>
        <source>assistant</source>
        <translation>assistant</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>yes</translation>
    </message>
    <message>
        <source>no</source>
        <translation>no</translation>
    </message>
</context>
<context>
    <name>Launch</name>
    <message>
        <source>The server address {0} uses plain http://, which would send passwords and customer data unencrypted. Use its https:// address; only for a test server, IT can set allow_insecure_http = true in the configuration.</source>
        <translation>The server address {0} uses plain http://, which would send passwords and customer data unencrypted. Use its https:// address; only for a test server, IT can set allow_insecure_http = true in the configuration.</translation>
    </message>
    <message>
        <source>Clienteling — sign in</source>
        <translation>Clienteling — sign in</translation>
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
    <name>LockScreen</name>
    <message>
        <source>Locked. {0} is signed in; someone else can take over.</source>
        <translation>Locked. {0} is signed in; someone else can take over.</translation>
    </message>
    <message>
        <source>Store {0}: who is using the tablet?</source>
        <translation>Store {0}: who is using the tablet?</translation>
    </message>
    <message>
        <source>Nobody can sign in here with a PIN yet. Sign in with your password (the tablet must be online), then choose a PIN for this tablet.</source>
        <translation>Nobody can sign in here with a PIN yet. Sign in with your password (the tablet must be online), then choose a PIN for this tablet.</translation>
    </message>
    <message>
        <source>Sign in with password</source>
        <translation>Sign in with password</translation>
    </message>
    <message>
        <source>{0}, type your PIN</source>
        <translation>{0}, type your PIN</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <source>Someone else</source>
        <translation>Someone else</translation>
    </message>
    <message>
        <source>Use my password</source>
        <translation>Use my password</translation>
    </message>
    <message>
        <source>Sign in with your password (the tablet must be online)</source>
        <translation>Sign in with your password (the tablet must be online)</translation>
    </message>
    <message>
        <source>User</source>
        <translation>User</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Back</translation>
    </message>
    <message>
        <source>{0} — PIN locked</source>
        <translation>{0} — PIN locked</translation>
    </message>
    <message>
        <source>{0}, choose a PIN for this tablet</source>
        <translation>{0}, choose a PIN for this tablet</translation>
    </message>
    <message>
        <source>Type the same PIN again</source>
        <translation>Type the same PIN again</translation>
    </message>
    <message>
        <source>4 to 8 digits that are not easy to guess (not 1234, 0000 or a year). It stays on this tablet and is never sent anywhere. With it you sign in here, also offline, for {0} days after your last sign-in with your password.</source>
        <translation>4 to 8 digits that are not easy to guess (not 1234, 0000 or a year). It stays on this tablet and is never sent anywhere. With it you sign in here, also offline, for {0} days after your last sign-in with your password.</translation>
    </message>
    <message>
        <source>Not now</source>
        <translation>Not now</translation>
    </message>
    <message>
        <source>Customer data is locked on this tablet</source>
        <translation>Customer data is locked on this tablet</translation>
    </message>
    <message>
        <source>This tablet has not synced with the server since {0} ({1} days; the limit is {2}). Connect to the store&apos;s network and sync to unlock.</source>
        <translation>This tablet has not synced with the server since {0} ({1} days; the limit is {2}). Connect to the store&apos;s network and sync to unlock.</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>Sync now</translation>
    </message>
    <message>
        <source>The server cannot be reached. Connect the tablet to the store&apos;s network and try again.</source>
        <translation>The server cannot be reached. Connect the tablet to the store&apos;s network and try again.</translation>
    </message>
    <message>
        <source>The sync failed: {0}</source>
        <translation>The sync failed: {0}</translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation>Syncing…</translation>
    </message>
    <message>
        <source>That PIN can no longer be used here. Sign in with your password.</source>
        <translation>That PIN can no longer be used here. Sign in with your password.</translation>
    </message>
    <message>
        <source>Type your PIN: 4 to 8 digits.</source>
        <translation>Type your PIN: 4 to 8 digits.</translation>
    </message>
    <message numerus="yes">
        <source>Wrong PIN. %n more wrong tries lock it.</source>
        <translation>
            <numerusform>Wrong PIN. %n more wrong tries lock it.</numerusform>
            <numerusform>Wrong PIN. %n more wrong tries lock it.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Too many wrong PINs. Try again in %n seconds.</source>
        <translation>
            <numerusform>Too many wrong PINs. Try again in %n seconds.</numerusform>
            <numerusform>Too many wrong PINs. Try again in %n seconds.</numerusform>
        </translation>
    </message>
    <message>
        <source>You can try your PIN again.</source>
        <translation>You can try your PIN again.</translation>
    </message>
    <message>
        <source>The server cannot be reached, so a password cannot be checked. Sign in with your PIN, or try again when the tablet is online.</source>
        <translation>The server cannot be reached, so a password cannot be checked. Sign in with your PIN, or try again when the tablet is online.</translation>
    </message>
    <message numerus="yes">
        <source>Too many failed sign-ins. Try again in %n seconds.</source>
        <translation>
            <numerusform>Too many failed sign-ins. Try again in %n seconds.</numerusform>
            <numerusform>Too many failed sign-ins. Try again in %n seconds.</numerusform>
        </translation>
    </message>
    <message>
        <source>Sign-in refused: {0}</source>
        <translation>Sign-in refused: {0}</translation>
    </message>
    <message>
        <source>Your PIN is locked after 5 wrong tries. Sign in with your password to unlock it.</source>
        <translation>Your PIN is locked after 5 wrong tries. Sign in with your password to unlock it.</translation>
    </message>
    <message>
        <source>You last signed in here with your password too long ago to use your PIN. Sign in with your password again (online).</source>
        <translation>You last signed in here with your password too long ago to use your PIN. Sign in with your password again (online).</translation>
    </message>
    <message>
        <source>Use digits only.</source>
        <translation>Use digits only.</translation>
    </message>
    <message>
        <source>A PIN has 4 to 8 digits.</source>
        <translation>A PIN has 4 to 8 digits.</translation>
    </message>
    <message>
        <source>Not the same digit over and over: choose another PIN.</source>
        <translation>Not the same digit over and over: choose another PIN.</translation>
    </message>
    <message>
        <source>Not a run of digits like 1234 or 4321: choose another PIN.</source>
        <translation>Not a run of digits like 1234 or 4321: choose another PIN.</translation>
    </message>
    <message>
        <source>Not a repeated pattern like 1212: choose another PIN.</source>
        <translation>Not a repeated pattern like 1212: choose another PIN.</translation>
    </message>
    <message>
        <source>That PIN is too common (or a year): choose another one.</source>
        <translation>That PIN is too common (or a year): choose another one.</translation>
    </message>
    <message>
        <source>The two PINs were different. Choose your PIN again.</source>
        <translation>The two PINs were different. Choose your PIN again.</translation>
    </message>
    <message>
        <source>Sign in with your password first to set a PIN.</source>
        <translation>Sign in with your password first to set a PIN.</translation>
    </message>
    <message>
        <source>The PIN could not be saved. Try again.</source>
        <translation>The PIN could not be saved. Try again.</translation>
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
        <source>Manager</source>
        <translation>Manager</translation>
    </message>
    <message>
        <source>{0} · {1}</source>
        <translation>{0} · {1}</translation>
    </message>
    <message>
        <source>Lock</source>
        <translation>Lock</translation>
    </message>
    <message>
        <source>Hide the customer screens until you type your PIN</source>
        <translation>Hide the customer screens until you type your PIN</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>Sign out</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Language</translation>
    </message>
    <message>
        <source>About and diagnostics</source>
        <translation>About and diagnostics</translation>
    </message>
    <message>
        <source>{0} signed out.</source>
        <translation>{0} signed out.</translation>
    </message>
    <message>
        <source>{0} can no longer sign in on this tablet.</source>
        <translation>{0} can no longer sign in on this tablet.</translation>
    </message>
</context>
<context>
    <name>ManagerCalls</name>
    <message>
        <source>marketing</source>
        <translation>marketing</translation>
    </message>
    <message>
        <source>service messages</source>
        <translation>service messages</translation>
    </message>
    <message>
        <source>profiling</source>
        <translation>profiling</translation>
    </message>
    <message>
        <source>You signed in while the server was unreachable. Sign out and sign in again while online to do this. Nothing was changed.</source>
        <translation>You signed in while the server was unreachable. Sign out and sign in again while online to do this. Nothing was changed.</translation>
    </message>
    <message>
        <source>The server cannot be reached, so nothing was done. Check the connection and try again.</source>
        <translation>The server cannot be reached, so nothing was done. Check the connection and try again.</translation>
    </message>
    <message>
        <source>Your sign-in has expired. Sign in again to do this. Nothing was changed.</source>
        <translation>Your sign-in has expired. Sign in again to do this. Nothing was changed.</translation>
    </message>
    <message>
        <source>The server refused: {0}</source>
        <translation>The server refused: {0}</translation>
    </message>
</context>
<context>
    <name>ManagerView</name>
    <message>
        <source>Customers and segments</source>
        <translation>Customers and segments</translation>
    </message>
    <message>
        <source>KPIs</source>
        <translation>KPIs</translation>
    </message>
    <message>
        <source>Campaigns</source>
        <translation>Campaigns</translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation>Audit log</translation>
    </message>
</context>
<context>
    <name>MessageTableModel</name>
    <message>
        <source>Queued</source>
        <translation>Queued</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Sent</translation>
    </message>
    <message>
        <source>Skipped</source>
        <translation>Skipped</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Failed</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Customer</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Channel</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Created</translation>
    </message>
    <message>
        <source>Sent at</source>
        <translation>Sent at</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Reason</translation>
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
    <name>PinPad</name>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Delete the last digit</source>
        <translation>Delete the last digit</translation>
    </message>
</context>
<context>
    <name>ReplicaLockedDialog</name>
    <message>
        <source>Customer data locked</source>
        <translation>Customer data locked</translation>
    </message>
    <message>
        <source>The customer data on this tablet is encrypted and cannot be opened: its key is missing or does not match. If the tablet&apos;s keyring is locked, or someone else is signed in to the computer, fix that and start the app again.</source>
        <translation>The customer data on this tablet is encrypted and cannot be opened: its key is missing or does not match. If the tablet&apos;s keyring is locked, or someone else is signed in to the computer, fix that and start the app again.</translation>
    </message>
    <message>
        <source>Otherwise the data can be downloaded again from the server. Edits made on this tablet that were not sent yet cannot be recovered and will be lost. A store manager then registers the tablet again.</source>
        <translation>Otherwise the data can be downloaded again from the server. Edits made on this tablet that were not sent yet cannot be recovered and will be lost. A store manager then registers the tablet again.</translation>
    </message>
    <message>
        <source>Delete it and download again</source>
        <translation>Delete it and download again</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Quit</translation>
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
    <name>SegmentBuilder</name>
    <message>
        <source>Any tier</source>
        <translation>Any tier</translation>
    </message>
    <message>
        <source>{0} or higher</source>
        <translation>{0} or higher</translation>
    </message>
    <message>
        <source>Any language</source>
        <translation>Any language</translation>
    </message>
    <message>
        <source>Not required</source>
        <translation>Not required</translation>
    </message>
    <message>
        <source>Anyone or nobody</source>
        <translation>Anyone or nobody</translation>
    </message>
    <message>
        <source>Nobody yet</source>
        <translation>Nobody yet</translation>
    </message>
    <message>
        <source>Any segment</source>
        <translation>Any segment</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>Profile</translation>
    </message>
    <message>
        <source>Engagement with campaigns</source>
        <translation>Engagement with campaigns</translation>
    </message>
    <message>
        <source>Purchase behaviour</source>
        <translation>Purchase behaviour</translation>
    </message>
    <message>
        <source>any</source>
        <translation>any</translation>
    </message>
    <message>
        <source> days</source>
        <translation> days</translation>
    </message>
    <message>
        <source> years</source>
        <translation> years</translation>
    </message>
    <message>
        <source>VIP only</source>
        <translation>VIP only</translation>
    </message>
    <message>
        <source>Tier</source>
        <translation>Tier</translation>
    </message>
    <message>
        <source>Age from</source>
        <translation>Age from</translation>
    </message>
    <message>
        <source>Age up to</source>
        <translation>Age up to</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Language</translation>
    </message>
    <message>
        <source>Birthday this month</source>
        <translation>Birthday this month</translation>
    </message>
    <message>
        <source>Marketing consent by</source>
        <translation>Marketing consent by</translation>
    </message>
    <message>
        <source>Personal assistant</source>
        <translation>Personal assistant</translation>
    </message>
    <message>
        <source>Opened, clicked or came within</source>
        <translation>Opened, clicked or came within</translation>
    </message>
    <message>
        <source>No response for</source>
        <translation>No response for</translation>
    </message>
    <message>
        <source>Came to a store event</source>
        <translation>Came to a store event</translation>
    </message>
    <message>
        <source>RFM segment</source>
        <translation>RFM segment</translation>
    </message>
    <message>
        <source>At risk of leaving</source>
        <translation>At risk of leaving</translation>
    </message>
    <message>
        <source>Lifetime value from</source>
        <translation>Lifetime value from</translation>
    </message>
    <message>
        <source>Predicted 12 months from</source>
        <translation>Predicted 12 months from</translation>
    </message>
    <message>
        <source>Orders at least</source>
        <translation>Orders at least</translation>
    </message>
    <message>
        <source>Bought within</source>
        <translation>Bought within</translation>
    </message>
    <message>
        <source>Not bought for</source>
        <translation>Not bought for</translation>
    </message>
    <message>
        <source>Buys in several channels</source>
        <translation>Buys in several channels</translation>
    </message>
    <message>
        <source>Abandoned a cart within</source>
        <translation>Abandoned a cart within</translation>
    </message>
</context>
<context>
    <name>SendConfirmDialog</name>
    <message>
        <source>Send invitations</source>
        <translation>Send invitations</translation>
    </message>
    <message>
        <source>Send the invitations to “{0}” ({1}) now?

Up to {2} of the {3} customers in the segment will be invited, each through her preferred channel among those she consented to ({4}).
The {5} customers without a marketing consent get nothing.

This cannot be undone.</source>
        <translation>Send the invitations to “{0}” ({1}) now?

Up to {2} of the {3} customers in the segment will be invited, each through her preferred channel among those she consented to ({4}).
The {5} customers without a marketing consent get nothing.

This cannot be undone.</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Send</translation>
    </message>
</context>
<context>
    <name>Session</name>
    <message>
        <source>Nobody is signed in on this tablet: sign in first.</source>
        <translation>Nobody is signed in on this tablet: sign in first.</translation>
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
<context>
    <name>WipedDialog</name>
    <message>
        <source>This tablet was erased</source>
        <translation>This tablet was erased</translation>
    </message>
    <message>
        <source>A manager reported this tablet as lost, so the customer data on it has been erased. Edits that had not been sent were erased too.</source>
        <translation>A manager reported this tablet as lost, so the customer data on it has been erased. Edits that had not been sent were erased too.</translation>
    </message>
    <message>
        <source>A manager retired this tablet. The edits made on it were sent to the server first; then the customer data on it was erased.</source>
        <translation>A manager retired this tablet. The edits made on it were sent to the server first; then the customer data on it was erased.</translation>
    </message>
    <message>
        <source>To use it again, a store manager has to set it up (enrol it) again.</source>
        <translation>To use it again, a store manager has to set it up (enrol it) again.</translation>
    </message>
</context>
</TS>
