using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MerchantDisputes.Infrastructure.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CaseWorkflowAndEvidence : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "IsInternal",
                table: "TimelineEntries");

            migrationBuilder.AddColumn<string>(
                name: "Audience",
                table: "TimelineEntries",
                type: "TEXT",
                unicode: false,
                maxLength: 20,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<bool>(
                name: "Accepted",
                table: "Disputes",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "AnsweredBeforeFirstDeadline",
                table: "Disputes",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<Guid>(
                name: "AssignedMediatorId",
                table: "Disputes",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "Contested",
                table: "Disputes",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<long>(
                name: "DeadlineAt",
                table: "Disputes",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "FirstRespondBy",
                table: "Disputes",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "MerchantScore",
                table: "Disputes",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Outcome",
                table: "Disputes",
                type: "TEXT",
                unicode: false,
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "RespondedAt",
                table: "Disputes",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Evidence",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    DisputeId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UploadedBy = table.Column<Guid>(type: "TEXT", nullable: false),
                    Caption = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Format = table.Column<string>(type: "TEXT", unicode: false, maxLength: 10, nullable: false),
                    ContentType = table.Column<string>(type: "TEXT", unicode: false, maxLength: 40, nullable: false),
                    OriginalFormat = table.Column<string>(type: "TEXT", unicode: false, maxLength: 10, nullable: true),
                    Width = table.Column<int>(type: "INTEGER", nullable: false),
                    Height = table.Column<int>(type: "INTEGER", nullable: false),
                    OriginalBytes = table.Column<long>(type: "INTEGER", nullable: false),
                    SanitizedBytes = table.Column<long>(type: "INTEGER", nullable: false),
                    OriginalSha256 = table.Column<string>(type: "TEXT", unicode: false, maxLength: 64, nullable: false),
                    SanitizedSha256 = table.Column<string>(type: "TEXT", unicode: false, maxLength: 64, nullable: false),
                    BlobName = table.Column<string>(type: "TEXT", unicode: false, maxLength: 80, nullable: false),
                    SeenInOtherMerchantsCase = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Evidence", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Evidence_Disputes_DisputeId",
                        column: x => x.DisputeId,
                        principalTable: "Disputes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Notifications",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    DisputeId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CaseNumber = table.Column<string>(type: "TEXT", unicode: false, maxLength: 20, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", unicode: false, maxLength: 40, nullable: false),
                    Detail = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ReadAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Notifications", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "OutboxEmails",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ToAddress = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Body = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    SentAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    LastError = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OutboxEmails", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Disputes_Status_DeadlineAt",
                table: "Disputes",
                columns: new[] { "Status", "DeadlineAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Evidence_BlobName",
                table: "Evidence",
                column: "BlobName",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Evidence_DisputeId_OriginalSha256",
                table: "Evidence",
                columns: new[] { "DisputeId", "OriginalSha256" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Evidence_OriginalSha256",
                table: "Evidence",
                column: "OriginalSha256");

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_UserId_ReadAt_CreatedAt",
                table: "Notifications",
                columns: new[] { "UserId", "ReadAt", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_OutboxEmails_SentAt_CreatedAt",
                table: "OutboxEmails",
                columns: new[] { "SentAt", "CreatedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Evidence");

            migrationBuilder.DropTable(
                name: "Notifications");

            migrationBuilder.DropTable(
                name: "OutboxEmails");

            migrationBuilder.DropIndex(
                name: "IX_Disputes_Status_DeadlineAt",
                table: "Disputes");

            migrationBuilder.DropColumn(
                name: "Audience",
                table: "TimelineEntries");

            migrationBuilder.DropColumn(
                name: "Accepted",
                table: "Disputes");

            migrationBuilder.DropColumn(
                name: "AnsweredBeforeFirstDeadline",
                table: "Disputes");

            migrationBuilder.DropColumn(
                name: "AssignedMediatorId",
                table: "Disputes");

            migrationBuilder.DropColumn(
                name: "Contested",
                table: "Disputes");

            migrationBuilder.DropColumn(
                name: "DeadlineAt",
                table: "Disputes");

            migrationBuilder.DropColumn(
                name: "FirstRespondBy",
                table: "Disputes");

            migrationBuilder.DropColumn(
                name: "MerchantScore",
                table: "Disputes");

            migrationBuilder.DropColumn(
                name: "Outcome",
                table: "Disputes");

            migrationBuilder.DropColumn(
                name: "RespondedAt",
                table: "Disputes");

            migrationBuilder.AddColumn<bool>(
                name: "IsInternal",
                table: "TimelineEntries",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);
        }
    }
}
